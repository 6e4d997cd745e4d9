using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

/// <summary>A process of its own: it is killed.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private CentralProcess _central = null!;

    public async Task InitializeAsync() => _central = await CentralProcess.StartAsync();

    public async Task DisposeAsync() => await _central.DisposeAsync();

    [Fact]
    public async Task Every_answered_transaction_survives_a_sigkill_and_repeats_still_get_their_stored_answers()
    {
        var serials = Enumerable.Range(0, 4).Select(_ => TestCards.NextSerial()).ToArray();
        var sent = new List<(int Serial, Support.ReceivedMessage Answer, Iso8583.IsoMessage Request)>();
        await using (var first = await _central.ConnectAsync())
        await using (var second = await _central.ConnectAsync())
        {
            var requests = Enumerable.Range(0, 400).Select(i =>
            {
                var serial = serials[i % serials.Length];
                var amount = i % 10 == 9 ? TestCards.OpeningFen * 3 : 100 + i; // some declined 51
                return (serial, request: Requests.Purchase(TestCards.Pan(serial), amount, Rrns.Next()), client: i % 2 == 0 ? first : second);
            }).ToList();
            var answers = await Task.WhenAll(requests.Select(r => r.client.ExchangeAsync(r.request)));
            _central.Kill(); // at once, right after the last answer: nothing flushed on purpose
            sent.AddRange(requests.Select((r, i) => (r.serial, answers[i], r.request)));
        }

        await _central.RestartAfterKillAsync();

        foreach (var (_, answer, request) in sent)
        {
            var stored = await _central.TransactionAsync(request.GetAscii(37)!);
            Assert.Equal(answer.ResponseCode, stored.GetProperty("responseCode").GetString());
            Assert.Equal(answer.AuthCode, stored.GetProperty("authCode").GetString());
        }
        foreach (var serial in serials)
        {
            var spent = sent.Where(s => s.Serial == serial && s.Answer.ResponseCode == "00")
                .Sum(s => { s.Request.TryGetInt64(4, out var amount); return amount; });
            Assert.Equal(TestCards.OpeningFen - spent, await _central.AvailableFenAsync(serial));
        }

        await using var client = await _central.ConnectAsync();
        foreach (var (serial, answer, request) in sent.Take(40))
        {
            request.TryGetInt64(4, out var amount);
            var repeat = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(serial), amount, request.GetAscii(37)!));
            Assert.Equal(answer.ResponseCode, repeat.ResponseCode);
            Assert.Equal(answer.AuthCode, repeat.AuthCode);
        }
        var check = await _central.GetJsonAsync("/ledger/check");
        Assert.True(check.GetProperty("balanced").GetBoolean(), check.ToString());
        foreach (var serial in serials)
        {
            var spent = sent.Where(s => s.Serial == serial && s.Answer.ResponseCode == "00")
                .Sum(s => { s.Request.TryGetInt64(4, out var amount); return amount; });
            Assert.Equal(TestCards.OpeningFen - spent, await _central.AvailableFenAsync(serial));
        }
    }
}
