using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;

namespace ActorSwitch.PosSim.Tests.Loopback;

public sealed class TransportTests
{
    [Fact]
    public async Task No_answer_is_a_timed_out_result_and_the_late_answer_is_discarded_by_the_next_exchange()
    {
        // The switch sits on the first echo and answers it only when the second arrives, just before the
        // second's own answer: the order a late answer takes, without depending on timing.
        IsoMessage? unanswered = null;
        await using var session = new LoopbackSession((self, request) =>
        {
            if (unanswered is null)
            {
                unanswered = request;
                return SwitchReply.Nothing;
            }

            return new SwitchReply([
                (TimeSpan.Zero, self.Side.FinancialAnswer(unanswered)),
                (TimeSpan.FromMilliseconds(50), self.Side.FinancialAnswer(request)),
            ]);
        });

        session.Terminal.AnswerTimeout = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        var first = await session.Terminal.EchoAsync();
        var waited = clock.Elapsed;
        session.Terminal.AnswerTimeout = TimeSpan.FromSeconds(10);
        var second = await session.Terminal.EchoAsync();

        Assert.Equal(ExchangeOutcome.TimedOut, first.Outcome);
        Assert.Null(first.Answer);
        Assert.Null(first.ResponseCode);
        Assert.InRange(waited, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4)); // the timeout, plus connect and a loaded machine
        Assert.Equal(ExchangeOutcome.Answered, second.Outcome);
        Assert.Equal("000002", second.Answer!.GetAscii(11));
        Assert.Equal(1, session.Terminal.LateAnswersDiscarded);
        Assert.Equal(1, session.Switch.Connections);
    }

    [Fact]
    public async Task An_answer_trickled_over_many_reads_and_two_frames_in_one_write_are_reassembled()
    {
        await using var session = new LoopbackSession((self, request) =>
        {
            var answer = self.Side.FinancialAnswer(request);
            if (request.GetAscii(11) == "000001")
                return SwitchReply.Trickle(answer, chunk: 3, pause: TimeSpan.FromMilliseconds(2));
            var stale = self.Side.FinancialAnswer(request, more: late => late.SetDigits(11, "000001"));
            return SwitchReply.Send([.. stale, .. answer]);
        });

        var trickled = await session.Terminal.EchoAsync();
        var afterStale = await session.Terminal.EchoAsync();

        Assert.Equal(ExchangeOutcome.Answered, trickled.Outcome);
        Assert.Equal(ExchangeOutcome.Answered, afterStale.Outcome);
        Assert.Equal("000002", afterStale.Answer!.GetAscii(11));
        Assert.Equal(1, session.Terminal.LateAnswersDiscarded);
    }

    [Fact]
    public async Task A_closed_connection_is_a_result_and_the_next_call_reconnects()
    {
        await using var session = new LoopbackSession((self, request) =>
            request.GetAscii(11) == "000001" ? SwitchReply.CloseConnection : null);

        var closed = await session.Terminal.EchoAsync();
        var next = await session.Terminal.EchoAsync();

        Assert.Equal(ExchangeOutcome.ConnectionClosed, closed.Outcome);
        Assert.Equal(ExchangeOutcome.Answered, next.Outcome);
        Assert.Equal(2, session.Switch.Connections);
    }

    [Fact]
    public async Task An_answer_with_an_invalid_length_prefix_is_malformed_and_closes_the_connection()
    {
        await using var session = new LoopbackSession((self, request) => SwitchReply.Send([0x00, 0x00, 0x60]));

        var result = await session.Terminal.EchoAsync();

        Assert.Equal(ExchangeOutcome.MalformedAnswer, result.Outcome);
        Assert.False(session.Terminal.IsConnected);
    }

    [Fact]
    public async Task Raw_frames_go_out_as_given_and_whatever_comes_back_is_returned()
    {
        var canned = TestVectors.Computed.GetProperty("response_frame_computed").Hex("hex");
        await using var session = new LoopbackSession();
        await using var answering = new LoopbackSwitch(_ => SwitchReply.Send(canned));
        await using var closing = new LoopbackSwitch(_ => SwitchReply.CloseConnection);
        byte[] malformed = [0x00, 0x07, 0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31];

        await using var toAnswering = Terminal(answering.Port);
        var answered = await toAnswering.SendRawAsync(malformed);
        await using var toClosing = Terminal(closing.Port);
        var closed = await toClosing.SendRawAsync(malformed);

        Assert.Equal(ExchangeOutcome.Answered, answered.Outcome);
        Assert.Equal(canned[2..], answered.AnswerFrame);
        Assert.Equal(210, answered.Answer!.Mti);
        Assert.Equal(malformed[2..], answering.Received.Single());
        Assert.Equal(0, toAnswering.LastTrace);
        Assert.Equal(ExchangeOutcome.ConnectionClosed, closed.Outcome);
        Assert.Null(closed.AnswerFrame);
    }

    [Fact]
    public async Task Nothing_listening_is_a_not_connected_result()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var terminal = Terminal(port);

        var result = await terminal.EchoAsync();

        Assert.Equal(ExchangeOutcome.NotConnected, result.Outcome);
        Assert.Equal(1, terminal.LastTrace);
    }

    [Fact]
    public async Task A_second_call_while_one_is_in_flight_is_refused()
    {
        await using var session = new LoopbackSession((self, request) =>
            new SwitchReply([(TimeSpan.FromMilliseconds(300), self.Side.FinancialAnswer(request))]));

        var first = session.Terminal.EchoAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Terminal.EchoAsync());

        Assert.Equal(ExchangeOutcome.Answered, (await first).Outcome);
        Assert.Equal(ExchangeOutcome.Answered, (await session.Terminal.EchoAsync()).Outcome);
    }

    [Fact]
    public async Task Management_messages_carry_no_mac_and_their_network_codes()
    {
        await using var session = new LoopbackSession();

        await session.Terminal.EchoAsync();
        var echo = session.LastReceived;
        await session.Terminal.SignOffAsync();
        var signOff = session.LastReceived;

        Assert.Equal(820, echo.Mti);
        Assert.Equal([11, 41, 42, 60], Messages.Fields(echo));
        Assert.Equal("00000001301", echo.GetAscii(60));
        Assert.Equal("00000001002", signOff.GetAscii(60));
        Assert.True(echo.ReceivedMac.IsEmpty);
    }

    private static PosTerminal Terminal(int port) => new(new TerminalOptions
    {
        Host = "127.0.0.1",
        Port = port,
        MerchantId = LoopbackSession.MerchantId,
        TerminalId = LoopbackSession.TerminalId,
        AnswerTimeout = TimeSpan.FromSeconds(3),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    }, TerminalMasterKey.FromClear(SwitchSide.Tmk));
}
