using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>
/// When the centre does not answer, or the node dies between forwarding and answering, nothing the
/// centre approved stays unknown to the switch: the terminal gets 98 and the centre gets a reversal,
/// even across a restart of either side. The card's balance at the centre is the witness.
/// </summary>
public sealed class CentreFailureTests
{
    private static readonly TimeSpan ReversalPatience = TimeSpan.FromSeconds(90);

    /// <summary>A node linked to a separate centre simulator, answering terminals within 3 s.</summary>
    private static async Task<NodeProcess> StartNodeAsync(CentralProcess central)
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-deadline-").FullName, "deadline.conf");
        await File.WriteAllTextAsync(config, "actorswitch.terminals.answer-deadline = 3s");
        return await NodeProcess.StartAsync("--central", central.Address, "--config", config);
    }

    /// <summary>A centre, a node linked to it, a signed-on terminal, and a card with its balance before the test.</summary>
    private sealed class Bed : IAsyncDisposable
    {
        public required CentralProcess Central { get; init; }
        public required NodeProcess Node { get; init; }
        public required PosTerminal Terminal { get; init; }
        public required int Serial { get; init; }
        public required long Before { get; init; }

        public static async Task<Bed> StartAsync(TimeSpan? answerTimeout = null)
        {
            var central = await CentralProcess.StartAsync();
            var node = await StartNodeAsync(central);
            var serial = NewCardSerial();
            return new Bed
            {
                Central = central, Node = node, Terminal = await NewTerminalAsync(node, answerTimeout: answerTimeout),
                Serial = serial, Before = await central.AvailableFenAsync(serial),
            };
        }

        public async ValueTask DisposeAsync()
        {
            await Terminal.DisposeAsync();
            await Node.DisposeAsync();
            await Central.DisposeAsync();
        }
    }

    private static async Task WaitForBalanceAsync(CentralProcess central, int serial, long expected)
    {
        var deadline = DateTime.UtcNow + ReversalPatience;
        long available;
        while ((available = await central.AvailableFenAsync(serial)) != expected)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"card {serial}: available {available} fen, expected {expected} after the reversal");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task A_centre_that_does_not_answer_gets_98_to_the_terminal_and_a_reversal_after_the_link_comes_back()
    {
        await using var bed = await Bed.StartAsync();
        var (central, node, terminal, serial, before) = (bed.Central, bed.Node, bed.Terminal, bed.Serial, bed.Before);

        // The centre posts the purchase but its answer is lost, and then the link goes down.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/drop", new { rate = 1.0, stage = "answer" });
        var purchase = terminal.PurchaseAsync(Card(serial), 2_500);
        await Task.Delay(1_000);
        central.Kill();
        var answer = await purchase;
        Assert.Equal("98", answer.ResponseCode);
        Assert.True(answer.MacVerified);

        // The centre comes back on the same ledger (the approval is there), and then the reversal.
        await central.RestartAfterKillAsync();
        await WaitForBalanceAsync(central, serial, before);
    }

    [Fact]
    public async Task The_queued_reversal_survives_a_kill_9_of_the_node()
    {
        await using var bed = await Bed.StartAsync();
        var (central, node, terminal, serial, before) = (bed.Central, bed.Node, bed.Terminal, bed.Serial, bed.Before);

        // The centre posts the purchase but its answer is lost, and then the centre goes down: the
        // terminal gets 98 and the reversal waits in the store-and-forward queue, which then dies
        // with its node.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/drop", new { rate = 1.0, stage = "answer" });
        var purchase = terminal.PurchaseAsync(Card(serial), 3_300);
        await Task.Delay(1_000);
        central.Kill();
        Assert.Equal("98", (await purchase).ResponseCode);
        await Task.Delay(1_000);
        node.Kill();

        await central.RestartAfterKillAsync();
        Assert.Equal(before - 3_300, await central.AvailableFenAsync(serial));

        await node.RestartAfterKillAsync();
        await WaitForBalanceAsync(central, serial, before);
    }

    [Fact]
    public async Task A_kill_9_between_forwarding_and_answering_leaves_the_transaction_reversed_not_approved_and_unknown()
    {
        await using var bed = await Bed.StartAsync(answerTimeout: TimeSpan.FromSeconds(5));
        var (central, node, terminal, serial, before) = (bed.Central, bed.Node, bed.Terminal, bed.Serial, bed.Before);

        // The centre takes its time; the node dies while the purchase is at the centre.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/latency", new { ms = 2_000 });
        var purchase = terminal.PurchaseAsync(Card(serial), 4_400);
        await Task.Delay(700);
        node.Kill();
        Assert.NotEqual("00", (await purchase).ResponseCode);

        await Task.Delay(2_000); // the centre decides and posts the purchase, its answer finds no node
        await central.SendJsonAsync(HttpMethod.Post, "/faults/reset");
        Assert.Equal(before - 4_400, await central.AvailableFenAsync(serial));

        // The restarted node finds the forwarded transaction with no outcome and reverses it,
        // although the terminal never comes back.
        await node.RestartAfterKillAsync();
        await WaitForBalanceAsync(central, serial, before);
    }

    [Fact]
    public async Task A_terminal_that_reconnects_mid_transaction_gets_the_answer_by_repeating_the_request()
    {
        await using var bed = await Bed.StartAsync(answerTimeout: TimeSpan.FromMilliseconds(500));
        var (central, terminal) = (bed.Central, bed.Terminal);

        // The centre is slow; the terminal gives up waiting, drops its connection and dials again.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/latency", new { ms = 1_500 });
        var first = await terminal.PurchaseAsync(Card(NewCardSerial()), 600);
        Assert.Equal(PosSim.Terminal.ExchangeOutcome.TimedOut, first.Outcome);
        terminal.Disconnect();
        Assert.True(await terminal.ConnectAsync());
        terminal.AnswerTimeout = TimeSpan.FromSeconds(10);

        // The repeat never reaches the centre again: it waits for (or gets) the first request's answer.
        var repeat = await terminal.RepeatAsync(first);
        Assert.Equal("00", repeat.ResponseCode);
        Assert.True(repeat.MacVerified);
        var atCentre = await central.TransactionAsync(repeat.RetrievalReference!);
        Assert.Equal(600, atCentre.GetProperty("amountFen").GetInt64());
    }
}
