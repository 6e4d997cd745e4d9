using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class ClearingTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task The_clearing_file_lists_every_decided_transaction_and_reversal_by_rrn()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var approved = Requests.Purchase(pan, 1_234, Rrns.Next());
        var declined = Requests.Purchase(pan, TestCards.OpeningFen * 2, Rrns.Next());
        var reversed = Requests.Purchase(pan, 4_321, Rrns.Next());
        var answer = await client.ExchangeAsync(approved);
        await client.ExchangeAsync(declined);
        await client.ExchangeAsync(reversed);
        await client.ExchangeAsync(Requests.Reversal(reversed));

        var date = (await Central.GetJsonAsync("/status")).GetProperty("settlementDate").GetString()!;
        Assert.Equal(answer.Message.GetAscii(15), date[5..7] + date[8..10]);
        var csv = await Central.Http.GetStringAsync($"/clearing/{date}");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("record,rrn,acquirer,mti,transaction,processing_code,merchant_id,terminal_id,masked_pan,amount_fen," +
                     "response_code,auth_code,settlement_date,reversed,original_rrn", lines[0]);
        var masked = "621234*********" + pan[^4..];
        Assert.Contains($"transaction,{approved.GetAscii(37)},48020000,0200,purchase,000000,309310083985008,50080001,{masked},1234,00,{answer.AuthCode},{date},0,", lines);
        Assert.Contains(lines, l => l.StartsWith($"transaction,{declined.GetAscii(37)},48020000,0200,purchase,", StringComparison.Ordinal) && l.Contains(",51,,"));
        var reversedRows = lines.Where(l => l.Contains($",{reversed.GetAscii(37)},")).ToList();
        Assert.Equal(2, reversedRows.Count);
        Assert.StartsWith("transaction,", reversedRows[0]);
        Assert.EndsWith($",{date},1,", reversedRows[0]);
        Assert.StartsWith($"reversal,{reversed.GetAscii(37)},48020000,0420,purchase,", reversedRows[1]);

        var rrns = lines.Skip(1).Select(l => l.Split(',')[1]).ToList();
        Assert.Equal(rrns.Order(StringComparer.Ordinal), rrns);
        Assert.DoesNotContain(pan, csv);
        Assert.Equal(csv, await File.ReadAllTextAsync(Path.Combine(Central.DataDir, "clearing", $"clearing-{date}.csv")));
        var totals = await Central.GetJsonAsync($"/settlement/{date}");
        Assert.True(totals.GetProperty("debits").GetProperty("count").GetInt64() >= 1);
    }
}
