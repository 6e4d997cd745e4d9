namespace ActorSwitch.Switch.Clock;

/// <summary>
/// Retrieval reference numbers (F37, 12 characters): the identity of a transaction end to end, so
/// they must be unique across every node and restart. Built like a snowflake id: milliseconds since
/// 2024-01-01 (41 bits, about 69 years), the node number (8 bits) and a per-millisecond sequence
/// (13 bits), written as 12 upper-case base-36 characters (an12 allows letters). Lock-free.
/// </summary>
public sealed class RetrievalReferenceGenerator
{
    private static readonly long Epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const int SequenceBits = 13;
    private const int NodeBits = 8;
    private const long SequenceMask = (1L << SequenceBits) - 1;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private readonly long _node;
    private readonly Func<long> _nowMilliseconds;
    private long _last; // (milliseconds << SequenceBits) | sequence of the last id issued

    public RetrievalReferenceGenerator(int node, Func<long>? nowMilliseconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(node);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(node, (1 << NodeBits) - 1);
        _node = node;
        _nowMilliseconds = nowMilliseconds ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public string Next()
    {
        long next;
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var now = (_nowMilliseconds() - Epoch) << SequenceBits;
            // Same millisecond (or a clock step back): take the next sequence number, borrowing from
            // the next millisecond when the sequence is exhausted, so ids never repeat.
            next = now > last ? now : last + 1;
            if (Interlocked.CompareExchange(ref _last, next, last) == last) break;
        }
        var millis = next >> SequenceBits;
        var value = (millis << (NodeBits + SequenceBits)) | (_node << SequenceBits) | (next & SequenceMask);
        Span<char> text = stackalloc char[12];
        for (var i = 11; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value % 36)];
            value /= 36;
        }
        return new string(text);
    }
}
