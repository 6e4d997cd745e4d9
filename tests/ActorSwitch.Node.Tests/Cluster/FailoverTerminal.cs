using System.Collections.Concurrent;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Testing;

namespace ActorSwitch.Node.Tests.Cluster;

/// <summary>
/// A terminal that knows every node's address (a primary and backups, as real terminals carry) and
/// behaves as the spec asks when an answer does not come: it repeats the request, on the next address
/// if the connection is gone, and reverses what it could not get answered. It remembers every
/// approval it received, which is what "nothing lost, nothing doubled" is checked against.
/// </summary>
public sealed class FailoverTerminal(PosTerminal terminal, IReadOnlyList<NodeProcess> nodes, int firstNode, IReadOnlyList<Card> cards)
{
    private const int MaxRepeats = 12;
    private int _node = firstNode;

    public PosTerminal Terminal => terminal;
    public string MerchantId => terminal.Options.MerchantId;
    public string TerminalId => terminal.Options.TerminalId;

    /// <summary>Approved purchases: RRN and amount.</summary>
    public ConcurrentDictionary<string, long> Approved { get; } = new();

    /// <summary>Purchases declined (by response code), or left unanswered and then reversed ("reversed").</summary>
    public ConcurrentDictionary<string, int> NotApproved { get; } = new();

    public int Failovers { get; private set; }

    public int ApprovedCount => Approved.Count;

    public async Task RunAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // A busy shop's pace, over several cards (the dev risk rules allow 300 attempts a minute per
            // card), and few enough that a batch stays within F48's 999 transactions.
            await Task.Delay(random.Next(100, 200), CancellationToken.None);
            var card = cards[random.Next(cards.Count)];
            var result = await UntilAnsweredAsync(await terminal.PurchaseAsync(card, random.Next(100, 5_000)));
            if (result.IsApproved)
            {
                Assert.True(Approved.TryAdd(result.RetrievalReference!, result.Amount), $"RRN {result.RetrievalReference} approved twice");
                continue;
            }
            NotApproved.AddOrUpdate(result.Outcome == ExchangeOutcome.Answered ? result.ResponseCode ?? "?" : "reversed", 1, (_, n) => n + 1);
            if (result.Outcome != ExchangeOutcome.Answered)
            {
                // Never answered after every repeat: the terminal reverses it (and keeps trying until done).
                var reversal = await UntilAnsweredAsync(await terminal.ReverseAsync(result));
                Assert.True(reversal.CompletesReversal, $"the reversal of trace {result.Trace} did not complete: {reversal.ResponseCode}");
            }
        }
    }

    private async Task<TransactionResult> UntilAnsweredAsync(TransactionResult result)
    {
        for (var repeat = 0; repeat < MaxRepeats && result.Outcome != ExchangeOutcome.Answered; repeat++)
        {
            if (result.Outcome is ExchangeOutcome.ConnectionClosed or ExchangeOutcome.NotConnected || repeat > 0)
            {
                _node = (_node + 1) % nodes.Count;
                terminal.SwitchHost("127.0.0.1", nodes[_node].PosPort);
                Failovers++;
            }
            result = await terminal.RepeatAsync(result);
        }
        return result;
    }
}
