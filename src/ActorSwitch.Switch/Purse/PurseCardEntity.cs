using Akka.Actor;
using Akka.Persistence;

namespace ActorSwitch.Switch.Purse;

/// <summary>Anything addressed to one purse card's entity (entity id = the card's application serial, 16 hex).</summary>
public interface IPurseCardCommand
{
    string CardSerial { get; }
}

/// <summary>Which request first presented an offline record: the terminal entity, its batch and trace.</summary>
public sealed record PurseRecordOwner(string TerminalEntityId, int Batch, int Trace);

/// <summary>Claims card serial + offline sequence for a request; answered with <see cref="OfflineRecordClaim"/>.</summary>
public sealed record ClaimOfflineRecord(string CardSerial, int OfflineSequence, PurseRecordOwner Owner) : IPurseCardCommand;

/// <summary>Who holds the record: <see cref="Owner"/> is the claimant itself when the record was new (or was its own already).</summary>
public sealed record OfflineRecordClaim(string CardSerial, int OfflineSequence, PurseRecordOwner Owner);

public sealed record OfflineSequenceClaimed(int OfflineSequence, PurseRecordOwner Owner);

/// <summary>
/// One e-purse card: the offline sequences already counted, from any terminal on any node, so that a
/// record uploaded twice (or by two terminals) is counted once. Only records whose TAC verified reach
/// it, so a forged record cannot block the real one. Sharded and persistent.
/// </summary>
public sealed class PurseCardEntity : ReceivePersistentActor
{
    private readonly Dictionary<int, PurseRecordOwner> _claimed = new();

    public PurseCardEntity(string cardSerial)
    {
        PersistenceId = "purse-card-" + cardSerial;
        Recover<OfflineSequenceClaimed>(c => _claimed[c.OfflineSequence] = c.Owner);
        Command<ClaimOfflineRecord>(claim =>
        {
            if (_claimed.TryGetValue(claim.OfflineSequence, out var owner))
            {
                Sender.Tell(new OfflineRecordClaim(claim.CardSerial, claim.OfflineSequence, owner));
                return;
            }
            var sender = Sender;
            Persist(new OfflineSequenceClaimed(claim.OfflineSequence, claim.Owner), e =>
            {
                _claimed[e.OfflineSequence] = e.Owner;
                sender.Tell(new OfflineRecordClaim(claim.CardSerial, claim.OfflineSequence, e.Owner));
            });
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string cardSerial) => Akka.Actor.Props.Create(() => new PurseCardEntity(cardSerial));
}

/// <summary>Routes purse-card commands by card serial.</summary>
public sealed class PurseCardMessageExtractor() : Akka.Cluster.Sharding.HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => message is IPurseCardCommand command ? command.CardSerial : null;
}
