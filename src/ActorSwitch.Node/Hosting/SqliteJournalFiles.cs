using Microsoft.Data.Sqlite;

namespace ActorSwitch.Node.Hosting;

/// <summary>
/// The embedded journal's SQLite files run in WAL mode: readers (recovery, tag queries) and the single
/// writer no longer block each other, and a commit costs one fsync of the log instead of four. SQLite
/// keeps the mode in the file, so setting it once before the journal opens the file is enough.
/// <c>synchronous</c> stays FULL: a commit is on disk before it is acknowledged.
/// </summary>
public static class SqliteJournalFiles
{
    public static void EnsureWriteAheadLog(params string[] files)
    {
        foreach (var file in files)
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"{file}: SQLite refused WAL mode (journal_mode={mode}).");
        }
    }
}
