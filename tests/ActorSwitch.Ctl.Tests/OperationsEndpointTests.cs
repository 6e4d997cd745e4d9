using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorSwitch.Testing;

namespace ActorSwitch.Ctl.Tests;

/// <summary>
/// The operator API endpoints switchctl uses, on their own: bad input is 400 naming the field, an
/// unknown terminal 404, and a missing token 401.
/// </summary>
public sealed class OperationsEndpointTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private HttpClient Http => fixture.Node.Http;

    [Theory]
    [InlineData("/api/sharding/locate/12345/50080001", "merchantId")]
    [InlineData("/api/sharding/locate/30931008398500!/50080001", "merchantId")]
    [InlineData("/api/sharding/locate/309310083985008/5008", "terminalId")]
    [InlineData("/api/sharding/locate/309310083985008/5008000100", "terminalId")]
    public async Task Locate_with_a_malformed_id_is_400_naming_it(string path, string field)
    {
        using var response = await Http.GetAsync(path);
        await AssertError(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/merchants/1/terminals/50080001/kick", "merchantId")]
    [InlineData("/api/merchants/309310083985008/terminals/5008-001/kick", "terminalId")]
    public async Task Kick_with_a_malformed_id_is_400_naming_it(string path, string field)
    {
        using var response = await Http.PostAsync(path, null);
        await AssertError(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_unregistered_terminal_is_404_for_locate_and_kick()
    {
        var m = Terminals.NewMerchantId();
        var t = Terminals.NewTerminalId();
        using var locate = await Http.GetAsync($"/api/sharding/locate/{m}/{t}");
        await AssertError(locate, HttpStatusCode.NotFound, "terminalId");
        using var kick = await Http.PostAsync($"/api/merchants/{m}/terminals/{t}/kick", null);
        await AssertError(kick, HttpStatusCode.NotFound, "terminalId");
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task Leave_and_down_refuse_anything_but_a_member_naming_the_field(string verb)
    {
        var path = "/api/cluster/" + verb;
        await AssertError(await Post(path, "not json"), HttpStatusCode.BadRequest, "body");
        await AssertError(await Post(path, "[1]"), HttpStatusCode.BadRequest, "body");
        await AssertError(await Post(path, "{}"), HttpStatusCode.BadRequest, "address");
        await AssertError(await Post(path, """{"address": 5}"""), HttpStatusCode.BadRequest, "address");
        await AssertError(await Post(path, """{"address": "no-port"}"""), HttpStatusCode.BadRequest, "address");
        await AssertError(await Post(path, """{"address": "127.0.0.1:99999"}"""), HttpStatusCode.BadRequest, "address");
        await AssertError(await Post(path, """{"address": "akka.tcp://actorswitch@127.0.0.1:1"}"""), HttpStatusCode.BadRequest, "address");
        await AssertError(await Post(path, """{"address": "akka.tcp://"}"""), HttpStatusCode.BadRequest, "address");
        // The node itself is a member: still there, because nothing above was issued.
        var cluster = await Http.GetFromJsonAsync<JsonElement>("/api/cluster");
        Assert.Equal("Up", Assert.Single(cluster.GetProperty("members").EnumerateArray()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/cluster")]
    [InlineData("POST", "/api/cluster/leave")]
    [InlineData("GET", "/api/sharding/regions")]
    [InlineData("GET", "/api/sharding/stats")]
    [InlineData("GET", "/api/links")]
    [InlineData("POST", "/api/merchants/309310083985008/terminals/50080001/kick")]
    public async Task Every_operations_endpoint_wants_the_token(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await AssertError(response, HttpStatusCode.Unauthorized, "authorization");
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal(field, json.RootElement.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetString()));
        response.Dispose();
    }
}
