using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>A bad <c>Polls</c> section stops the node at start-up with a message naming the setting.</summary>
public sealed class PollsOptionsTests
{
    [Theory]
    [InlineData("Polls:MaxPushesPerSecond", "0", "MaxPushesPerSecond")]
    [InlineData("Polls:MaxWordLength", "0", "MaxWordLength")]
    [InlineData("Polls:MinOptions", "10", "MinOptions")]
    public async Task InvalidLimitsFailAtStartUp(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["Polls:MaxOptions"] = "5" };
        if (key == "Polls:MinOptions")
            settings["Polls:MaxOptions"] = "5";
        else
            settings.Remove("Polls:MaxOptions");

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await VirtualMeetNode.StartAsync(settings);
        });

        Assert.True(error.ToString().Contains(named, StringComparison.Ordinal), error.ToString());
    }
}
