using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

public sealed class NodesDiagnosticsTests
{
    [Fact]
    public async Task AnOrganizerSeesBothNodesOfTheClusterFromEitherNode()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        await using var nodeA = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Hosting:NodeName"] = "node-a" });
        await using var nodeB = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Hosting:NodeName"] = "node-b" });
        using var client = nodeB.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(nodeA));

        var body = await Eventually.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>("/api/diagnostics/nodes", TestContext.Current.CancellationToken),
            nodes => nodes.GetProperty("nodes").GetArrayLength() == 2,
            because: "both nodes heartbeat into the registry");

        Assert.Equal("Redis", body.GetProperty("backplane").GetString());
        var names = body.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).Order().ToArray();
        Assert.StartsWith("node-a-", names[0], StringComparison.Ordinal);
        Assert.StartsWith("node-b-", names[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNodeListIsForOrganizersOnly()
    {
        await using var node = await VirtualMeetNode.StartAsync();
        using var client = node.CreateClient();

        using var anonymous = await client.GetAsync("/api/diagnostics/nodes", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task ASingleInMemoryNodeListsItself()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Hosting:NodeName"] = "solo" });
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(node));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/diagnostics/nodes", TestContext.Current.CancellationToken);

        Assert.Equal("InMemory", body.GetProperty("backplane").GetString());
        Assert.Equal("solo", body.GetProperty("nodes")[0].GetProperty("name").GetString());
    }
}
