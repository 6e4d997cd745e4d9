using System.Numerics;

namespace ActorSwitch.Iso8583;

/// <summary>
/// One ISO 8583 message of a given <see cref="Dialect"/>, reusable across parses.
/// It owns a byte buffer holding a copy of the received frame followed by values set afterwards,
/// and a fixed slot table (offset, size, length per field number): no strings, no dictionaries.
/// Parsing into a used message allocates nothing while the frame fits the buffer
/// (sized for the dialect's maximum frame). Not thread-safe.
/// </summary>
public sealed partial class IsoMessage
{
    internal const int MaxField = 128;
    internal const ulong TopBit = 1UL << 63;

    private byte[] _buffer;
    private int _used;                 // bytes of _buffer in use: the frame, then values set later
    private int _frameLength;          // bytes of the received frame at the start of _buffer
    private int _mtiOffset = -1;       // where the received MTI starts, -1 when not parsed
    private int _receivedMacOffset = -1;
    private readonly FieldSlot[] _slots = new FieldSlot[MaxField + 1];

    // Presence in wire bitmap layout: field n is bit (63 - (n - 1) % 64) of word (n - 1) / 64.
    // Bit 1 is never stored: the writer derives it from the secondary word.
    private ulong _primary;
    private ulong _secondary;

    /// <summary>Creates an empty message for <paramref name="dialect"/>.</summary>
    public IsoMessage(Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
        _buffer = new byte[Math.Max(dialect.MaxFrameLength, 256)];
    }

    /// <summary>The dialect this message is read and written in.</summary>
    public Dialect Dialect { get; }

    /// <summary>Message type indicator as a number (200 for 0200); -1 when not set.</summary>
    public int Mti { get; private set; } = -1;

    /// <summary>TPDU (dialects with a TPDU). After a failed parse, holds what was decoded.</summary>
    public Tpdu Tpdu { get; set; }

    /// <summary>POS header (dialects with a header). After a failed parse, holds what was decoded.</summary>
    public PosHeader Header { get; set; }

    /// <summary>Forgets every field, the MTI and the received frame; keeps the buffer for reuse.</summary>
    public void Clear()
    {
        _used = 0;
        _frameLength = 0;
        _mtiOffset = -1;
        _receivedMacOffset = -1;
        _primary = 0;
        _secondary = 0;
        Mti = -1;
        Tpdu = default;
        Header = default;
    }

    /// <summary>Whether field <paramref name="field"/> (2..128) is present.</summary>
    public bool Has(int field)
    {
        if ((uint)(field - 1) >= MaxField) return false;
        ulong word = field <= 64 ? _primary : _secondary;
        return (word & (TopBit >> ((field - 1) & 63))) != 0;
    }

    /// <summary>The first present field after <paramref name="field"/>, or -1. Iterate with
    /// <c>for (int f = m.NextField(1); f > 0; f = m.NextField(f))</c>.</summary>
    public int NextField(int field)
    {
        int f = Math.Max(field + 1, 2);
        if (f <= 64)
        {
            ulong rest = _primary & (ulong.MaxValue >> (f - 1));
            if (rest != 0) return BitOperations.LeadingZeroCount(rest) + 1;
            f = 65;
        }
        if (f <= MaxField)
        {
            ulong rest = _secondary & (ulong.MaxValue >> (f - 65));
            if (rest != 0) return 65 + BitOperations.LeadingZeroCount(rest);
        }
        return -1;
    }

    /// <summary>
    /// The MAC block of the received frame, exactly the received bytes: from the MTI to the end of the
    /// last field before the MAC field (F64, or F128 when that is present in a dialect with a secondary
    /// bitmap). Empty when no frame was parsed or the frame carried no MAC. Stays valid after setters.
    /// </summary>
    public ReadOnlySpan<byte> ReceivedMacBlock =>
        _receivedMacOffset < 0 ? default : _buffer.AsSpan(_mtiOffset, _receivedMacOffset - _mtiOffset);

    /// <summary>The 8 MAC bytes of the received frame; empty when it carried none.</summary>
    public ReadOnlySpan<byte> ReceivedMac =>
        _receivedMacOffset < 0 ? default : _buffer.AsSpan(_receivedMacOffset, 8);

    // ---- internals for the reader and writer ----

    internal ReadOnlySpan<byte> Buffer => _buffer;
    internal ulong PrimaryBits => _primary;
    internal ulong SecondaryBits => _secondary;
    internal ref readonly FieldSlot Slot(int field) => ref _slots[field];

    /// <summary>Copies a frame into the buffer, growing it only for frames larger than any before.</summary>
    internal Span<byte> LoadFrame(int length)
    {
        Clear();
        if (_buffer.Length < length) _buffer = new byte[length];
        _frameLength = _used = length;
        return _buffer.AsSpan(0, length);
    }

    internal void SetParsedHeader(int mti, int mtiOffset)
    {
        Mti = mti;
        _mtiOffset = mtiOffset;
    }

    internal void SetParsedBitmap(ulong primary, ulong secondary)
    {
        _primary = primary & ~TopBit;
        _secondary = secondary;
    }

    internal void SetParsedSlot(int field, in FieldSlot slot) => _slots[field] = slot;

    internal void SetReceivedMac(int offset) => _receivedMacOffset = offset;

    internal int FrameLength => _frameLength;

    /// <summary>Reserves <paramref name="size"/> bytes after everything in use (never overwriting the
    /// received frame, so <see cref="ReceivedMacBlock"/> survives setters).</summary>
    private Span<byte> Allocate(int size, out int offset)
    {
        if (_buffer.Length - _used < size)
        {
            var bigger = new byte[Math.Max(_buffer.Length * 2, _used + size)];
            _buffer.AsSpan(0, _used).CopyTo(bigger);
            _buffer = bigger;
        }
        offset = _used;
        _used += size;
        return _buffer.AsSpan(offset, size);
    }

    private void MarkPresent(int field, bool present)
    {
        ulong bit = TopBit >> ((field - 1) & 63);
        if (field <= 64)
            _primary = present ? _primary | bit : _primary & ~bit;
        else
            _secondary = present ? _secondary | bit : _secondary & ~bit;
    }
}
