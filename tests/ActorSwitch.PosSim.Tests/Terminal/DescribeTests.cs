using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class DescribeTests
{
    [Fact]
    public void The_pan_is_masked_and_pin_block_and_tracks_are_only_named()
    {
        var message = new IsoMessage(Dialects.UnionPayPos) { Tpdu = TerminalOptions.DefaultTpdu, Header = new PosHeader(60, 31, 0, 0, 0) };
        message.SetMti(200);
        message.SetDigits(2, "6212340000000000012");
        message.SetDigits(35, "6212340000000000012=30121010000000");
        message.SetDigits(36, "996212340000000000012=1561560000000000000000003012");
        message.SetBinary(52, [0x45, 0x29, 0x10, 0x47, 0x6E, 0x0E, 0x48, 0x9C]);
        message.SetAscii(41, "50080001");

        var text = MessageDescriber.Describe(message);

        Assert.Contains("621234*********0012", text);
        Assert.DoesNotContain("6212340000000000012", text);
        Assert.Contains("[PIN block]", text);
        Assert.DoesNotContain("4529", text);
        Assert.Equal(2, text.Split("[track data]").Length - 1);
        Assert.Contains("TPDU 60 0003 0000", text);
        Assert.Contains("\"50080001\"", text);
    }

    [Fact]
    public void Working_keys_are_shown_as_their_length_only()
    {
        var signOnAnswer = Messages.Parse(TestVectors.FrameBody("signon_response_B"));

        var text = MessageDescriber.Describe(signOnAnswer);

        Assert.Contains("[keys: 40 bytes]", text);
        Assert.DoesNotContain(Convert.ToHexString(signOnAnswer.GetBytes(62)), text);
        Assert.Contains("MTI 0810", text);
    }

    [Fact]
    public void Private_data_in_f62_of_other_messages_is_not_printed_either() =>
        Assert.Contains("[private data: 43 bytes]", MessageDescriber.Describe(Messages.Parse(TestVectors.FrameBody("purchase_request_D"))));

    [Fact]
    public void Batch_upload_items_are_printed_with_their_pans_masked()
    {
        var message = new IsoMessage(Dialects.UnionPayPos);
        message.SetMti(320);
        message.SetDigits(48, BatchUploadField.Format([new BatchUploadItem(0, 12, "6212340000000000012", 1234)]));

        var text = MessageDescriber.Describe(message);

        Assert.Contains("1 item(s): 00 000012 621234*********0012 000000001234", text);
        Assert.DoesNotContain("6212340000000000012", text);
    }
}
