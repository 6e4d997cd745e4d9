using Npgsql;

namespace ActorSwitch.Node.Hosting;

/// <summary>
/// The PostgreSQL journal's completeness barrier for end of day. Events take their global order from a
/// sequence when inserted but become visible when their transaction commits, so a write that took its
/// number before the cut-off marker may commit after it. Every such write began its transaction before
/// the marker committed; so once no transaction of the journal's database that started before the
/// database's "now" is still open, nothing can appear before the marker any more.
/// </summary>
public sealed class PostgresJournalBarrier(string connectionString, ILogger<PostgresJournalBarrier> log)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task WaitAsync(CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        DateTime now;
        await using (var clock = new NpgsqlCommand("SELECT clock_timestamp()", connection))
            now = (DateTime)(await clock.ExecuteScalarAsync(cancellation))!;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var open = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
                "AND xact_start IS NOT NULL AND xact_start < @now", connection);
            open.Parameters.AddWithValue("now", now);
            var count = (long)(await open.ExecuteScalarAsync(cancellation))!;
            if (count == 0) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{count} journal transaction(s) begun before the cut-off are still open after {Patience}");
            log.LogInformation("End of day: waiting for {Count} journal transaction(s) begun before the cut-off", count);
            await Task.Delay(100, cancellation);
        }
    }
}
