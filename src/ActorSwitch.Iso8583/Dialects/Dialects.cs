namespace ActorSwitch.Iso8583;

/// <summary>The dialects this switch speaks. Each is a table; the code that reads and writes is shared.</summary>
public static partial class Dialects
{
    // Shorthands that keep the tables one row per field, like the specification.
    private static FieldSpec Fixed(int n, FieldFormat f, int len, NumericEncoding enc = NumericEncoding.Bcd, Alignment? align = null) =>
        new(n, f, LengthType.Fixed, len, enc, alignment: align);

    private static FieldSpec LL(int n, FieldFormat f, int max, NumericEncoding enc, FieldTolerance tol = FieldTolerance.None) =>
        new(n, f, LengthType.LLVar, max, enc, enc, tolerance: tol);

    private static FieldSpec LLL(int n, FieldFormat f, int max, NumericEncoding enc, FieldTolerance tol = FieldTolerance.None) =>
        new(n, f, LengthType.LLLVar, max, enc, enc, tolerance: tol);
}
