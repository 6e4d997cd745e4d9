using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorSwitch.Testing;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.Node.Tests.Observability;

/// <summary>
/// The journal-writable check is a real write: while another process holds SQLite's write lock on the
/// node's journal, the probe's heartbeat cannot be written, and the node reports not ready naming that
/// check, with its POS port still open; when the lock goes, it is ready again.
/// </summary>
public sealed class JournalReadinessTests
{
    [Fact]
    public async Task A_journal_that_takes_no_writes_makes_the_node_not_ready_without_closing_the_pos_port()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-probe-").FullName, "probe.conf");
        await File.WriteAllTextAsync(config, "actorswitch.health { journal-probe-interval = 1s, journal-write-stale-after = 4s }");
        await using var node = await NodeProcess.StartAsync("--config", config);
        using var http = new HttpClient { BaseAddress = node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(node.DataDir, "journal.db")};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using (var command = blocker.CreateCommand())
            {
                // Takes the database's write lock (WAL mode: readers carry on, writers wait and time out).
                command.CommandText = "BEGIN IMMEDIATE;";
                await command.ExecuteNonQueryAsync();
            }

            var (status, body) = await WaitForAsync(http, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
            Assert.Equal("not-ready", body.GetProperty("status").GetString());
            Assert.Equal("journal-writable", body.GetProperty("waitingFor").GetString());
            Assert.True(body.GetProperty("posListening").GetBoolean());
            var journal = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "journal-writable");
            Assert.Equal("fail", journal.GetProperty("state").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);

            // The POS port stays open: terminals keep their connections; readiness is for the load balancer.
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, node.PosPort);
            Assert.True(socket.Connected);

            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        var (_, recovered) = await WaitForAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        Assert.Equal("ready", recovered.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("waitingFor").ValueKind);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForAsync(HttpClient http, HttpStatusCode expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (response.StatusCode == expected) return (response.StatusCode, body);
            if (DateTime.UtcNow > deadline) Assert.Fail($"/health/ready never answered {(int)expected}; last: {(int)response.StatusCode} {body}");
            await Task.Delay(250);
        }
    }
}
