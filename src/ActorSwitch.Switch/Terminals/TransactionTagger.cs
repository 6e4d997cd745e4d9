using Akka.Persistence.Journal;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Tags the events that open and close a transaction with <see cref="Tag"/>, so that the journal can
/// be read across all terminals in order: the open-transaction sweep and end of day use it.
/// </summary>
public sealed class TransactionTagger : IWriteEventAdapter
{
    public const string Tag = "txn";

    private static readonly string[] Tags = [Tag];

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        TransactionStarted or TransactionCompleted or TransactionTimedOut or TransactionReversed => new Tagged(evt, Tags),
        _ => evt,
    };
}
