using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>A transaction as merchants and card holders see it: amounts in fen, PAN masked, its outcome.</summary>
public sealed record HistoryEntry(
    string Rrn,
    string MerchantId,
    string TerminalId,
    string Transaction,
    string Side,
    long AmountFen,
    string MaskedPan,
    string Status,
    string? ResponseCode,
    string? AuthCode,
    DateOnly SettlementDate,
    DateTimeOffset At,
    int Batch,
    int Trace,
    string? OriginalRrn,
    bool Offline);

/// <summary>
/// Transaction details for the merchant and card-holder queries, read from the "txn"-tagged journal
/// (every terminal, in journal order) and folded per RRN into the outcome known now. A full read per
/// query: simple and always complete, but its cost grows with the journal (a projection would fix it).
/// </summary>
public static class TransactionHistory
{
    /// <summary>Every terminal's transactions (a card's, say): the "txn" tag stream, read whole.</summary>
    public static Task<IReadOnlyList<HistoryEntry>> ReadAsync(ActorSystem system, Func<TransactionRecord, bool> recordFilter,
        DateOnly from, DateOnly to)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        return FoldAsync(system, journal.CurrentEventsByTag(TransactionTagger.Tag, Offset.NoOffset()), recordFilter, from, to);
    }

    /// <summary>
    /// The transactions of these terminal entities (a merchant's): each terminal's own journal, read by
    /// persistence id (an indexed read), so the cost is the merchant's events, not the whole journal's.
    /// </summary>
    public static Task<IReadOnlyList<HistoryEntry>> ReadTerminalsAsync(ActorSystem system, IEnumerable<string> terminalEntityIds,
        DateOnly from, DateOnly to)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var source = Source.From(terminalEntityIds.ToList())
            .ConcatMany(id => journal.CurrentEventsByPersistenceId(TerminalEntity.PersistenceIdOf(id), 0, long.MaxValue));
        return FoldAsync(system, source, _ => true, from, to);
    }

    private static async Task<IReadOnlyList<HistoryEntry>> FoldAsync(ActorSystem system, Source<EventEnvelope, Akka.NotUsed> events,
        Func<TransactionRecord, bool> recordFilter, DateOnly from, DateOnly to)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        await events
            .RunForeach(e =>
            {
                switch (e.Event)
                {
                    case TransactionStarted s when s.Transaction.SettlementDate >= from && s.Transaction.SettlementDate <= to
                                                   && recordFilter(s.Transaction):
                        entries[s.Transaction.Rrn] = new Entry(e.PersistenceId, s.Transaction);
                        break;
                    case TransactionCompleted c when entries.TryGetValue(c.Rrn, out var x):
                        (x.Status, x.ResponseCode, x.AuthCode) = (c.ResponseCode == ResponseCodes.Approved ? "approved" : "declined", c.ResponseCode, c.AuthCode);
                        break;
                    case TransactionTimedOut t when entries.TryGetValue(t.Rrn, out var x):
                        (x.Status, x.ResponseCode) = ("timed-out", ResponseCodes.NoAnswerFromCentre);
                        break;
                    case TransactionReversed r when entries.TryGetValue(r.Rrn, out var x):
                        x.Status = "reversed";
                        break;
                }
            }, system.Materializer());
        return entries.Values.Select(x => x.ToEntry())
            .OrderBy(h => h.SettlementDate).ThenBy(h => h.At).ThenBy(h => h.Rrn, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Entry(string persistenceId, TransactionRecord record)
    {
        public string Status { get; set; } = "pending";
        public string? ResponseCode { get; set; }
        public string? AuthCode { get; set; }

        public HistoryEntry ToEntry()
        {
            var (merchant, terminal) = TerminalEntity.TerminalOf(persistenceId);
            var side = TerminalState.SideOf(record.Kind) switch { TotalsSide.Debit => "D", TotalsSide.Credit => "C", _ => "" };
            return new HistoryEntry(record.Rrn, merchant, terminal, DayCollector.TransactionName(record.Kind), side, record.Amount, record.PanMasked,
                Status, ResponseCode, AuthCode, record.SettlementDate, record.At, record.Batch, record.Trace, record.OriginalRrn,
                record.Kind == PosMessageKind.OfflinePurseUpload);
        }
    }
}
