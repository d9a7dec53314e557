using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Identity;

/// <summary>Configurations that would run insecurely or diverge are refused at start-up with a message naming the key.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task WithoutASigningKeyOutsideDevelopmentTheServerRefusesToStart()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = "" });

        Assert.Contains("Auth:SigningKey is not configured", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATooShortSigningKeyIsRefused()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = "short" });

        Assert.Contains("too short", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentRunsWithoutASigningKey()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "",
            ["environment"] = "Development",
        });
        using var client = node.CreateClient();

        Assert.False(string.IsNullOrEmpty(await ApiClient.OrganizerTokenAsync(client)));
    }

    [Fact]
    public async Task AnAuthorityWithoutAnAudienceIsRefused()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?> { ["Auth:Authority"] = "https://idp.example.org" });

        Assert.Contains("Auth:Audience is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorityOverHttpIsRefusedUnlessHttpsMetadataIsWaived()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "http://idp.example.org",
            ["Auth:Audience"] = "virtualmeet-api",
        });

        Assert.Contains("Auth:RequireHttpsMetadata=false", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrustedProxyThatIsNoAddressIsRefused()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?> { ["Hosting:TrustedProxies:0"] = "nginx" });

        Assert.Contains("Hosting:TrustedProxies: 'nginx'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRedisBackplaneWithInMemoryStoresIsRefused()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        var message = await RefusedStart.MessageAsync(() => VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Storage:Provider"] = "InMemory" }));

        Assert.Contains("Storage:AllowInMemoryWithRedisBackplane", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRedisBackplaneWithInMemoryStoresRunsWhenExplicitlyAllowedForOneNode()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        await using var node = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "InMemory",
            ["Storage:AllowInMemoryWithRedisBackplane"] = "true",
        });
        using var client = node.CreateClient();

        using var response = await client.GetAsync("/api/events", TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode);
    }
}
