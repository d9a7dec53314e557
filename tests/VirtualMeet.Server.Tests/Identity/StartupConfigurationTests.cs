using Microsoft.Extensions.Options;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Identity;

/// <summary>Configurations that would run insecurely or diverge are refused at start-up with a message naming the key.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task WithoutASigningKeyOutsideDevelopmentTheServerRefusesToStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = "" });
        });

        Assert.Contains("Auth:SigningKey is not configured", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATooShortSigningKeyIsRefused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Auth:SigningKey"] = "short" });
        });

        Assert.Contains("too short", Flatten(error), StringComparison.Ordinal);
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

        Assert.False(string.IsNullOrEmpty(await Events.ApiClient.OrganizerTokenAsync(client)));
    }

    [Fact]
    public async Task ATrustedProxyThatIsNoAddressIsRefused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Hosting:TrustedProxies:0"] = "nginx" });
        });

        Assert.Contains("Hosting:TrustedProxies: 'nginx'", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRedisBackplaneWithInMemoryStoresIsRefused()
    {
        await using var redis = await RedisServer.StartAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartWithRedisAsync(redis, new Dictionary<string, string?> { ["Storage:Provider"] = "InMemory" });
        });

        Assert.Contains("Storage:AllowInMemoryWithRedisBackplane", Flatten(error), StringComparison.Ordinal);
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

    private static string Flatten(Exception error) => error switch
    {
        OptionsValidationException options => string.Join("; ", options.Failures),
        AggregateException aggregate => string.Join("; ", aggregate.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? "" : "; " + Flatten(error.InnerException)),
    };
}
