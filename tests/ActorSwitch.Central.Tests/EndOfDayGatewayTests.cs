using System.Net;
using System.Security.Cryptography;
using System.Text;
using ActorSwitch.Central.Tests.Support;
using ActorSwitch.Testing;

namespace ActorSwitch.Central.Tests;

/// <summary>The end-of-day file gateway: upload with trailer checks, idempotent by checksum, the acquirer's clearing file, the clearing fault.</summary>
public sealed class EndOfDayGatewayTests
{
    private const string Header =
        "rrn,merchant_id,terminal_id,transaction,side,amount_fen,masked_pan,batch,trace,settlement_date,original_rrn,auth_code,purse_record";

    private static string DayFile(string date, params string[] rows)
    {
        var body = new StringBuilder(Header).Append('\n');
        int dc = 0, cc = 0;
        long df = 0, cf = 0;
        foreach (var r in rows)
        {
            body.Append(r).Append('\n');
            var f = r.Split(',');
            if (f[4] == "D") { dc++; df += long.Parse(f[5]); } else { cc++; cf += long.Parse(f[5]); }
        }
        var text = body.ToString();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return text + $"TRAILER,{date},48020000,{rows.Length},{dc},{df},{cc},{cf},{sha}\n";
    }

    private static Task<HttpResponseMessage> UploadAsync(CentralProcess central, string date, string file) =>
        central.Http.PostAsync($"/eod/48020000/{date}/file", new StringContent(file, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task An_upload_is_checked_taken_once_and_its_purse_records_join_the_acquirers_clearing_file_with_injected_differences()
    {
        await using var central = await CentralProcess.StartAsync();
        await using var client = await central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var first = Requests.Purchase(pan, 1_000, Rrns.Next());
        var second = Requests.Purchase(pan, 2_000, Rrns.Next());
        await client.ExchangeAsync(first);
        await client.ExchangeAsync(second);
        var date = (await central.GetJsonAsync("/status")).GetProperty("settlementDate").GetString()!;
        var (r1, r2) = (first.GetAscii(37)!, second.GetAscii(37)!);

        var purse = $"ZZZZZZZZZZZ1,309310083985008,50080001,purse,D,300,00000000000000AB,000001,000007,{date},,,RECORD";
        var file = DayFile(date, $"{r1},309310083985008,50080001,purchase,D,1000,621234******0012,000001,000001,{date},,A,",
            $"{r2},309310083985008,50080001,purchase,D,2000,621234******0012,000001,000002,{date},,A,", purse);

        Assert.Equal(HttpStatusCode.NotFound, (await central.Http.GetAsync($"/eod/48020000/{date}/clearing")).StatusCode);
        var tampered = file.Replace(",300,", ",301,");
        var bad = await UploadAsync(central, date, tampered);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("trailer.sha256", await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(central, date, file)).StatusCode);
        var again = await UploadAsync(central, date, file);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("\"repeated\":true", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(central, date, DayFile(date, purse))).StatusCode);

        var clearing = (await central.Http.GetStringAsync($"/eod/48020000/{date}/clearing")).TrimEnd('\n').Split('\n');
        Assert.StartsWith("record,rrn,acquirer,", clearing[0]);
        Assert.Contains(clearing, l => l.StartsWith($"transaction,{r1},48020000,0200,purchase,") && l.Contains(",1000,00,"));
        Assert.Contains(clearing, l => l.StartsWith($"transaction,{r2},48020000,0200,purchase,") && l.Contains(",2000,00,"));
        Assert.Contains($"transaction,ZZZZZZZZZZZ1,48020000,0320,purse,000000,309310083985008,50080001,00000000000000AB,300,00,,{date},0,", clearing);
        Assert.All(clearing.Skip(1), l => Assert.Equal("48020000", l.Split(',')[2]));

        // Injected disagreement: the first standing row left out, the next one a fen more.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/clearing", new { dropRows = 1, alterRows = 1 });
        var faulty = (await central.Http.GetStringAsync($"/eod/48020000/{date}/clearing")).TrimEnd('\n').Split('\n');
        Assert.Equal(clearing.Length - 1, faulty.Length);
        var firstStanding = clearing.Skip(1).First(l => l.StartsWith("transaction,") && l.Split(',')[10] == "00" && l.Split(',')[13] == "0");
        Assert.DoesNotContain(firstStanding, faulty);
    }
}
