using ActorSwitch.Iso8583;
namespace ActorSwitch.Iso8583;

/// <summary>One 40-digit item of a batch upload 0320 F48: card organisation n2 (00 domestic, 01 foreign),
/// trace n6, PAN n20 (right-aligned, zero padded), amount n12. <see cref="ToString"/> masks the PAN.</summary>
public readonly record struct BatchUploadItem(int CardOrganisation, int Trace, string Pan, long Amount)
{
    public const int DigitLength = 40;

    public override string ToString() => $"{CardOrganisation:D2} {Trace:D6} {PanMask.Mask(Pan)} {Amount:D12}";
}
