using System.Buffers;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Macs;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Tests.Support;

/// <summary>
/// The switch's side of the keys and answers, built from the ground libraries directly (not from the
/// terminal's code): F62 under the TMK, answers that echo the request, swap the TPDU and carry a MAC.
/// </summary>
internal sealed class SwitchSide
{
    public static readonly byte[] Tmk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
    public static readonly byte[] Pik = Convert.FromHexString("11111111111111112222222222222222");
    public static readonly byte[] Mak = Convert.FromHexString("3333333333333333");

    private static readonly int[] Echoed = [3, 4, 11, 41, 42, 49, 60];

    public int Batch { get; init; } = 42;

    public byte[] SignOnAnswer(IsoMessage request, string responseCode = "00", int processingRequirement = 0)
    {
        return Answer(request, answer =>
        {
            answer.SetAscii(37, "000000000001");
            answer.SetAscii(39, responseCode);
            answer.SetDigits(60, $"00{Batch:D6}{request.GetAscii(60)![8..11]}");
            if (responseCode == "00")
            {
                var field = new byte[40];
                SignOnKeyField.Write(new DesCipher(Tmk), SignOnKeyLayout.DoubleLength, Pik, Mak, [], field);
                answer.SetBinary(62, field);
            }
        }, withMac: false, processingRequirement);
    }

    /// <summary>A financial answer: 39, 12/13, 15 and, when approved, 37 and 38; MAC under the MAK.</summary>
    public byte[] FinancialAnswer(IsoMessage request, string responseCode = "00", Action<IsoMessage>? more = null, bool corruptMac = false)
    {
        var frame = Answer(request, answer =>
        {
            answer.SetDigits(12, "101530");
            answer.SetDigits(13, "1126");
            answer.SetDigits(15, "1127");
            if (responseCode == "00")
            {
                answer.SetAscii(37, "332211000123");
                answer.SetAscii(38, "654321");
            }

            answer.SetAscii(39, responseCode);
            more?.Invoke(answer);
        }, withMac: true);
        if (corruptMac)
            frame[^1] ^= 0x01;
        return frame;
    }

    public static byte[] Answer(IsoMessage request, Action<IsoMessage> fill, bool withMac, int processingRequirement = 0)
    {
        var answer = new IsoMessage(Dialects.UnionPayPos)
        {
            Tpdu = request.Tpdu.ToResponse(),
            Header = request.Header.WithProcessingRequirement(processingRequirement),
        };
        answer.SetMti(request.Mti + 10);
        foreach (var field in Echoed)
            answer.CopyFrom(request, field);
        fill(answer);
        var output = new ArrayBufferWriter<byte>();
        if (withMac)
        {
            var mac = new UnionPayEcbMac(Mak);
            IsoWriter.Write(answer, output, (block, destination) => mac.Compute(block, destination));
        }
        else
        {
            IsoWriter.Write(answer, output);
        }

        return output.WrittenSpan.ToArray();
    }
}
