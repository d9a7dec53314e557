using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task AnInvalidChannelPrefixFailsAtBootNamingTheKey()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?>
        {
            ["Realtime:ChannelPrefix"] = "has spaces*",
        });

        Assert.Contains("Realtime:ChannelPrefix", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientTimeoutShorterThanTwoKeepAlivesFailsAtBoot()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?>
        {
            ["Realtime:KeepAliveInterval"] = "00:00:20",
            ["Realtime:ClientTimeoutInterval"] = "00:00:30",
        });

        Assert.Contains("ClientTimeoutInterval", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRedisBackplaneWithoutAConnectionStringFailsAtBoot()
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?>
        {
            ["Realtime:Backplane"] = "Redis",
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = "",
        });

        Assert.Contains("ConnectionStrings:Redis", message, StringComparison.Ordinal);
    }
}
