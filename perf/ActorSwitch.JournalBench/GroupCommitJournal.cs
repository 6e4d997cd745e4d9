using System.Collections.Immutable;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.JournalBench;

/// <summary>
/// PROTOTYPE (benchmark only, not wired into the node): a journal for SQLite that commits everything queued
/// at the moment, from all persistent actors, in ONE transaction, into the tables Akka.Persistence.Sql
/// creates for SQLite (<c>journal</c> and <c>tags</c>, same columns and values), so that its read journal
/// (<c>CurrentEventsByTag</c>, <c>EventsByPersistenceId</c>) reads the events.
///
/// What it implements: <see cref="WriteMessagesAsync"/> serializes on the caller (the journal actor), enqueues
/// into a channel and returns a task; one writer thread takes the first queued write, then every write queued
/// at that moment (up to max-events-per-commit), inserts them with prepared Microsoft.Data.Sqlite commands in
/// one transaction and commits (synchronous=FULL: the WAL is fsynced before the tasks complete). If a group
/// commit fails, each write of the group is retried in its own transaction so that only the failing one fails.
/// Replay and highest sequence number read the same tables.
///
/// What it does NOT implement: deletes (<see cref="DeleteMessagesToAsync"/> throws), the journal_metadata
/// table, the CSV tag column (Akka.Persistence.Sql makes no tags column in the journal table in TagTable mode, the node's mode; tags go to the tags table), Akka.Persistence.Sql's
/// compatibility modes, other databases, schema creation (the stock plugin creates the tables), snapshots
/// (the stock snapshot store stays), and a bounded queue (no backpressure beyond the circuit breaker).
/// </summary>
public sealed class GroupCommitJournal : AsyncWriteJournal
{
    // Counters for the benchmark.
    public static long Commits;
    public static long EventsCommitted;
    public static long LargestCommit;

    private readonly string _connectionString;
    private readonly int _maxEventsPerCommit;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    public GroupCommitJournal(Config config)
    {
        _connectionString = config.GetString("connection-string");
        _maxEventsPerCommit = config.GetInt("max-events-per-commit", 10_000);
        _serialization = Context.System.Serialization;
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "group-commit-journal" };
        _writer.Start();
    }

    private sealed record Row(string PersistenceId, long SequenceNr, long Created, byte[] Message, int Identifier,
        string Manifest, string WriterUuid, IReadOnlyCollection<string> Tags);

    private sealed class PendingWrite(List<Row> rows, IImmutableList<Exception?>? rejections)
    {
        public List<Row> Rows { get; } = rows;
        public IImmutableList<Exception?>? Rejections { get; } = rejections;
        public TaskCompletionSource<IImmutableList<Exception?>?> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages,
        CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        var results = ImmutableList.CreateBuilder<Exception?>();
        var anyRejected = false;
        var now = DateTime.UtcNow.Ticks;
        foreach (var write in messages)
        {
            try
            {
                var writeRows = new List<Row>();
                foreach (var repr in (IImmutableList<IPersistentRepresentation>)write.Payload)
                    writeRows.Add(ToRow(repr, now));
                rows.AddRange(writeRows);
                results.Add(null);
            }
            catch (Exception e)
            {
                // A serialization failure rejects this AtomicWrite only (the actor gets OnPersistRejected).
                results.Add(e);
                anyRejected = true;
            }
        }
        var pending = new PendingWrite(rows, anyRejected ? results.ToImmutable() : null);
        if (rows.Count == 0)
            return Task.FromResult<IImmutableList<Exception?>>(pending.Rejections!);
        if (!_queue.Writer.TryWrite(pending))
            return Task.FromException<IImmutableList<Exception?>>(new InvalidOperationException("journal stopped"));
        return pending.Done.Task!;
    }

    private Row ToRow(IPersistentRepresentation repr, long now)
    {
        var payload = repr.Payload;
        IReadOnlyCollection<string> tags = [];
        if (payload is Tagged tagged)
        {
            payload = tagged.Payload;
            tags = tagged.Tags.ToArray();
        }
        var serializer = _serialization.FindSerializerFor(payload);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, payload);
        var bytes = serializer.ToBinary(payload);
        var created = repr.Timestamp > 0 ? repr.Timestamp : now;
        return new Row(repr.PersistenceId, repr.SequenceNr, created, bytes, serializer.Identifier, manifest,
            repr.WriterGuid, tags);
    }

    private void WriterLoop()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
        }
        using var insertEvent = connection.CreateCommand();
        insertEvent.CommandText =
            "INSERT INTO journal (deleted, persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid) " +
            "VALUES (0, $pid, $seq, $created, $message, $identifier, $manifest, $writer) RETURNING ordering;";
        var pPid = insertEvent.Parameters.Add("$pid", SqliteType.Text);
        var pSeq = insertEvent.Parameters.Add("$seq", SqliteType.Integer);
        var pCreated = insertEvent.Parameters.Add("$created", SqliteType.Integer);
        var pMessage = insertEvent.Parameters.Add("$message", SqliteType.Blob);
        var pIdentifier = insertEvent.Parameters.Add("$identifier", SqliteType.Integer);
        var pManifest = insertEvent.Parameters.Add("$manifest", SqliteType.Text);
        var pWriter = insertEvent.Parameters.Add("$writer", SqliteType.Text);
        using var insertTag = connection.CreateCommand();
        insertTag.CommandText =
            "INSERT INTO tags (ordering_id, tag, sequence_nr, persistence_id) VALUES ($ordering, $tag, $seq, $pid);";
        var tOrdering = insertTag.Parameters.Add("$ordering", SqliteType.Integer);
        var tTag = insertTag.Parameters.Add("$tag", SqliteType.Text);
        var tSeq = insertTag.Parameters.Add("$seq", SqliteType.Integer);
        var tPid = insertTag.Parameters.Add("$pid", SqliteType.Text);

        void Insert(SqliteTransaction tx, PendingWrite pending)
        {
            foreach (var row in pending.Rows)
            {
                insertEvent.Transaction = tx;
                pPid.Value = row.PersistenceId;
                pSeq.Value = row.SequenceNr;
                pCreated.Value = row.Created;
                pMessage.Value = row.Message;
                pIdentifier.Value = row.Identifier;
                pManifest.Value = row.Manifest;
                pWriter.Value = row.WriterUuid;
                var ordering = (long)insertEvent.ExecuteScalar()!;
                foreach (var tag in row.Tags)
                {
                    insertTag.Transaction = tx;
                    tOrdering.Value = ordering;
                    tTag.Value = tag;
                    tSeq.Value = row.SequenceNr;
                    tPid.Value = row.PersistenceId;
                    insertTag.ExecuteNonQuery();
                }
            }
        }

        var batch = new List<PendingWrite>();
        var reader = _queue.Reader;
        while (true)
        {
            if (!reader.TryRead(out var first))
            {
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) return;
                continue;
            }
            batch.Clear();
            batch.Add(first);
            var events = first.Rows.Count;
            while (events < _maxEventsPerCommit && reader.TryRead(out var next))
            {
                batch.Add(next);
                events += next.Rows.Count;
            }
            try
            {
                using (var tx = connection.BeginTransaction())
                {
                    foreach (var pending in batch) Insert(tx, pending);
                    tx.Commit();
                }
                Interlocked.Increment(ref Commits);
                Interlocked.Add(ref EventsCommitted, events);
                if (events > Volatile.Read(ref LargestCommit)) Volatile.Write(ref LargestCommit, events);
                foreach (var pending in batch) pending.Done.TrySetResult(pending.Rejections);
            }
            catch (Exception groupFailure)
            {
                // One write of the group failed (e.g. a duplicate sequence number): the whole transaction rolled
                // back. Retry each write alone so that only the failing one reports a failure.
                foreach (var pending in batch)
                {
                    if (batch.Count == 1) { pending.Done.TrySetException(groupFailure); break; }
                    try
                    {
                        using var tx = connection.BeginTransaction();
                        Insert(tx, pending);
                        tx.Commit();
                        Interlocked.Increment(ref Commits);
                        Interlocked.Add(ref EventsCommitted, pending.Rows.Count);
                        pending.Done.TrySetResult(pending.Rejections);
                    }
                    catch (Exception e)
                    {
                        pending.Done.TrySetException(e);
                    }
                }
            }
        }
    }

    public override async Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr,
        long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        if (max <= 0) return;
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT sequence_number, message, identifier, manifest, writer_uuid, created FROM journal " +
            "WHERE persistence_id = $pid AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0 " +
            "ORDER BY sequence_number LIMIT $max;";
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            var seq = rows.GetInt64(0);
            var bytes = (byte[])rows.GetValue(1);
            var identifier = rows.GetInt32(2);
            var manifest = rows.IsDBNull(3) ? "" : rows.GetString(3);
            var writer = rows.IsDBNull(4) ? "" : rows.GetString(4);
            var created = rows.GetInt64(5);
            var payload = _serialization.Deserialize(bytes, identifier, manifest);
            recoveryCallback(new Persistent(payload, seq, persistenceId, "", false, ActorRefs.NoSender, writer, created));
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr,
        CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = $pid;";
        command.Parameters.AddWithValue("$pid", persistenceId);
        var value = await command.ExecuteScalarAsync();
        return value is long l ? l : 0L;
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("The group-commit prototype does not implement deletes.");

    protected override void PostStop()
    {
        _queue.Writer.TryComplete();
        _writer.Join(TimeSpan.FromSeconds(10));
        base.PostStop();
    }
}
