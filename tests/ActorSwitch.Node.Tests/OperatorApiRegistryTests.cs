using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorSwitch.Testing;

namespace ActorSwitch.Node.Tests;

/// <summary>The operator API's merchants and terminals, as an operator uses them over HTTP.</summary>
public sealed class OperatorApiRegistryTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private HttpClient Http => fixture.Node.Http;

    private static string NewMerchantId() => "9" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString();

    private async Task<string> RegisterMerchantAsync(string? merchantId = null)
    {
        merchantId ??= NewMerchantId();
        var response = await Http.PostAsJsonAsync("/api/merchants", new { merchantId, name = "Corner Shop", mcc = "5411", feeRate = 60 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return merchantId;
    }

    [Fact]
    public async Task Registered_merchant_and_terminal_can_be_read_back()
    {
        var merchantId = await RegisterMerchantAsync();
        var created = await Http.PostAsJsonAsync("/api/terminals", new { terminalId = "50080001", merchantId, model = "PAX S90" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var merchant = await Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchantId}");
        Assert.Equal("Corner Shop", merchant.GetProperty("name").GetString());
        Assert.Equal("5411", merchant.GetProperty("mcc").GetString());
        Assert.Equal(60, merchant.GetProperty("feeRate").GetInt32());
        Assert.Equal("active", merchant.GetProperty("status").GetString());

        var terminal = await Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchantId}/terminals/50080001");
        Assert.Equal("PAX S90", terminal.GetProperty("model").GetString());
        Assert.Equal(merchantId, terminal.GetProperty("merchantId").GetString());
    }

    [Fact]
    public async Task Terminal_ids_are_unique_per_merchant_only()
    {
        var first = await RegisterMerchantAsync();
        var second = await RegisterMerchantAsync();
        foreach (var merchantId in new[] { first, second })
        {
            var r = await Http.PostAsJsonAsync("/api/terminals", new { terminalId = "00000001", merchantId, model = "Model-" + merchantId });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var a = await Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{first}/terminals/00000001");
        var b = await Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{second}/terminals/00000001");
        Assert.Equal("Model-" + first, a.GetProperty("model").GetString());
        Assert.Equal("Model-" + second, b.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Lists_are_paged_in_id_order()
    {
        var merchantId = await RegisterMerchantAsync();
        for (var i = 5; i >= 1; i--)
            await Http.PostAsJsonAsync("/api/terminals", new { terminalId = $"T000000{i}", merchantId, model = "M" });

        var page = await Http.GetFromJsonAsync<JsonElement>($"/api/terminals?merchantId={merchantId}&page=2&pageSize=2");
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        var ids = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("terminalId").GetString()!).ToArray();
        Assert.Equal(new[] { "T0000003", "T0000004" }, ids);

        var bad = await Http.GetAsync("/api/terminals?pageSize=0");
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "pageSize");
    }

    [Fact]
    public async Task Freeze_and_reactivate_change_the_status()
    {
        var merchantId = await RegisterMerchantAsync();
        await Http.PostAsJsonAsync("/api/terminals", new { terminalId = "F0000001", merchantId, model = "M" });

        var frozen = await (await Http.PostAsync($"/api/merchants/{merchantId}/terminals/F0000001/freeze", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("frozen", frozen.GetProperty("status").GetString());
        var m = await (await Http.PostAsync($"/api/merchants/{merchantId}/freeze", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("frozen", m.GetProperty("status").GetString());

        await Http.PostAsync($"/api/merchants/{merchantId}/terminals/F0000001/reactivate", null);
        var terminal = await Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchantId}/terminals/F0000001");
        Assert.Equal("active", terminal.GetProperty("status").GetString());
    }

    public static TheoryData<string, string> BadMerchantBodies => new()
    {
        { """{"merchantId":"12345","name":"A","mcc":"5411","feeRate":60}""", "merchantId" },
        { """{"merchantId":"12345678901234X!","name":"A","mcc":"5411","feeRate":60}""", "merchantId" },
        { """{"name":"A","mcc":"5411","feeRate":60}""", "merchantId" },
        { """{"merchantId":"123456789012345","name":"","mcc":"5411","feeRate":60}""", "name" },
        { """{"merchantId":"123456789012345","name":"A","mcc":"54X1","feeRate":60}""", "mcc" },
        { """{"merchantId":"123456789012345","name":"A","mcc":"5411","feeRate":-1}""", "feeRate" },
        { """{"merchantId":"123456789012345","name":"A","mcc":"5411","feeRate":"60"}""", "feeRate" },
        { """{"merchantId":"123456789012345","name":"A","mcc":"5411","feeRate":10001}""", "feeRate" },
        { """{"merchantId":""", "body" },
        { """[1,2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadMerchantBodies))]
    public async Task A_bad_merchant_request_is_400_naming_the_field(string body, string field)
    {
        var response = await Http.PostAsync("/api/merchants", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_bad_terminal_request_is_400_naming_the_field()
    {
        var merchantId = await RegisterMerchantAsync();
        var response = await Http.PostAsJsonAsync("/api/terminals", new { terminalId = "123", merchantId, model = "M" });
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "terminalId");
        response = await Http.PostAsJsonAsync("/api/terminals", new { terminalId = "12345678", merchantId, model = "" });
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "model");
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        await AssertErrorAsync(await Http.GetAsync("/api/merchants/000000000000000"), HttpStatusCode.NotFound, "merchantId");
        await AssertErrorAsync(await Http.GetAsync("/api/merchants/000000000000000/terminals/00000000"), HttpStatusCode.NotFound, "terminalId");
        await AssertErrorAsync(await Http.PostAsync("/api/merchants/000000000000000/freeze", null), HttpStatusCode.NotFound, "merchantId");
        var terminalOfUnknownMerchant = await Http.PostAsJsonAsync("/api/terminals",
            new { terminalId = "12345678", merchantId = "000000000000000", model = "M" });
        await AssertErrorAsync(terminalOfUnknownMerchant, HttpStatusCode.NotFound, "merchantId");
    }

    [Fact]
    public async Task Reregistering_with_other_details_is_a_conflict()
    {
        var merchantId = await RegisterMerchantAsync();
        var again = await Http.PostAsJsonAsync("/api/merchants", new { merchantId, name = "Other Name", mcc = "5411", feeRate = 60 });
        await AssertErrorAsync(again, HttpStatusCode.Conflict, "merchantId");
    }

    [Fact]
    public async Task Calls_without_the_right_bearer_token_are_401()
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        await AssertErrorAsync(await anonymous.GetAsync("/api/merchants"), HttpStatusCode.Unauthorized, "authorization");
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        await AssertErrorAsync(await anonymous.GetAsync("/api/merchants"), HttpStatusCode.Unauthorized, "authorization");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
    }
}
