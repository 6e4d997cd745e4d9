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
    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(ActorSystem system, Func<string, bool> persistenceIdFilter,
        Func<TransactionRecord, bool> recordFilter, DateOnly from, DateOnly to)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        await journal.CurrentEventsByTag(TransactionTagger.Tag, Offset.NoOffset())
            .RunForeach(e =>
            {
                switch (e.Event)
                {
                    case TransactionStarted s when s.Transaction.SettlementDate >= from && s.Transaction.SettlementDate <= to
                                                   && persistenceIdFilter(e.PersistenceId) && recordFilter(s.Transaction):
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

    /// <summary>The merchant and terminal of a terminal entity's persistence id (<c>terminal-M:T</c>).</summary>
    public static (string MerchantId, string TerminalId) TerminalOf(string persistenceId)
    {
        var entity = persistenceId.StartsWith("terminal-", StringComparison.Ordinal) ? persistenceId["terminal-".Length..] : persistenceId;
        var colon = entity.IndexOf(':');
        return colon < 0 ? (entity, "") : (entity[..colon], entity[(colon + 1)..]);
    }

    private sealed class Entry(string persistenceId, TransactionRecord record)
    {
        public string Status { get; set; } = "pending";
        public string? ResponseCode { get; set; }
        public string? AuthCode { get; set; }

        public HistoryEntry ToEntry()
        {
            var (merchant, terminal) = TerminalOf(persistenceId);
            var side = TerminalState.SideOf(record.Kind) switch { TotalsSide.Debit => "D", TotalsSide.Credit => "C", _ => "" };
            return new HistoryEntry(record.Rrn, merchant, terminal, DayCollector.TransactionName(record.Kind), side, record.Amount, record.PanMasked,
                Status, ResponseCode, AuthCode, record.SettlementDate, record.At, record.Batch, record.Trace, record.OriginalRrn,
                record.Kind == PosMessageKind.OfflinePurseUpload);
        }
    }
}
