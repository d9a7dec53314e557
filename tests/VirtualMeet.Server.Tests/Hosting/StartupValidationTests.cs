using Microsoft.Extensions.Options;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task AnInvalidChannelPrefixFailsAtBootNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?>
            {
                ["Realtime:ChannelPrefix"] = "has spaces*",
            });
        });

        Assert.Contains("Realtime:ChannelPrefix", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientTimeoutShorterThanTwoKeepAlivesFailsAtBoot()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?>
            {
                ["Realtime:KeepAliveInterval"] = "00:00:20",
                ["Realtime:ClientTimeoutInterval"] = "00:00:30",
            });
        });

        Assert.Contains("ClientTimeoutInterval", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRedisBackplaneWithoutAConnectionStringFailsAtBoot()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?>
            {
                ["Realtime:Backplane"] = "Redis",
                ["Storage:Provider"] = "Redis",
                ["ConnectionStrings:Redis"] = "",
            });
        });

        Assert.Contains("ConnectionStrings:Redis", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error switch
    {
        OptionsValidationException options => string.Join("; ", options.Failures),
        AggregateException aggregate => string.Join("; ", aggregate.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? "" : "; " + Flatten(error.InnerException)),
    };
}
