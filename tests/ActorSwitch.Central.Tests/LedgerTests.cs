using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;
using ActorSwitch.Iso8583;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class LedgerTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task After_a_mixed_concurrent_stream_debits_equal_credits_and_every_balance_matches_its_postings()
    {
        await using var first = await Central.ConnectAsync();
        await using var second = await Central.ConnectAsync();
        var serials = Enumerable.Range(0, 8).Select(_ => TestCards.NextSerial()).ToArray();
        var expected = serials.ToDictionary(s => s, _ => TestCards.OpeningFen);
        var gate = new object();

        async Task Stream(CentralClient client, int serial, int seed)
        {
            var random = new Random(seed);
            var pan = TestCards.Pan(serial);
            for (var i = 0; i < 25; i++)
            {
                var amount = random.Next(1, 5_000);
                var purchase = Requests.Purchase(pan, amount, Rrns.Next());
                Assert.Equal("00", (await client.ExchangeAsync(purchase)).ResponseCode);
                var net = -(long)amount;
                switch (random.Next(5))
                {
                    case 0:
                        Assert.Equal("00", (await client.ExchangeAsync(Requests.Reversal(purchase))).ResponseCode);
                        net = 0;
                        break;
                    case 1:
                        Assert.Equal("00", (await client.ExchangeAsync(Requests.PurchaseVoid(pan, amount, Rrns.Next(), purchase.GetAscii(37)!))).ResponseCode);
                        net = 0;
                        break;
                    case 2:
                        var refund = amount / 2 + 1;
                        Assert.Equal("00", (await client.ExchangeAsync(Requests.Refund(pan, refund, Rrns.Next(), purchase.GetAscii(37)!))).ResponseCode);
                        net += refund;
                        break;
                    case 3:
                        var preAuth = Rrns.Next();
                        Assert.Equal("00", (await client.ExchangeAsync(Requests.PreAuthorization(pan, amount, preAuth))).ResponseCode);
                        Assert.Equal("00", (await client.ExchangeAsync(Requests.Completion(pan, amount / 3 + 1, Rrns.Next(), preAuth))).ResponseCode);
                        net -= amount / 3 + 1;
                        break;
                }
                lock (gate) expected[serial] += net;
            }
        }

        await Task.WhenAll(serials.Select((serial, i) => Stream(i % 2 == 0 ? first : second, serial, i)));

        foreach (var serial in serials) Assert.Equal(expected[serial], await Central.AvailableFenAsync(serial));
        var check = await Central.GetJsonAsync("/ledger/check");
        Assert.True(check.GetProperty("balanced").GetBoolean(), check.ToString());
        Assert.Equal(check.GetProperty("debitsFen").GetInt64(), check.GetProperty("creditsFen").GetInt64());
        Assert.Equal(0, check.GetProperty("sumOfBalancesFen").GetInt64());
        Assert.Equal(0, check.GetProperty("accountsNotMatchingPostings").GetInt64());
    }

    [Fact]
    public async Task Neither_the_ledger_file_nor_the_log_holds_a_clear_pan_or_pin()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var purchase = Requests.Purchase(pan, 100, Rrns.Next(), PinPad.PinBlockUnderZpk(client, pan, TestCards.Pin));
        await client.ExchangeAsync(purchase);
        await client.ExchangeAsync(Requests.Reversal(purchase));
        await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(20_001), 100, Rrns.Next())); // unknown card

        var pinBlock = Convert.ToHexString(purchase.GetBytes(52));
        foreach (var file in Directory.GetFiles(Central.DataDir, "central-ledger.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain(pan, text);
            Assert.DoesNotContain(TestCards.Pan(20_001), text);
            Assert.DoesNotContain(TestCards.Pan(1), text);
            Assert.DoesNotContain(pinBlock, Convert.ToHexString(bytes));
        }
        Assert.DoesNotContain(pan, Central.Output);
        Assert.DoesNotContain(TestCards.Pan(20_001), Central.Output);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
