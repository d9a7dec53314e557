using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Tests.Contracts;

public sealed class HubErrorMessageTests
{
    [Theory]
    [InlineData("An unexpected error occurred invoking 'JoinTable' on the server. HubException: room_full: Table 3 has 6 of 6 seats taken.", "room_full", "Table 3 has 6 of 6 seats taken.")]
    [InlineData("room_full: Table 3 has 6 of 6 seats taken.", "room_full", "Table 3 has 6 of 6 seats taken.")]
    [InlineData("Failed. HubException: rate_limited: Try again in 2 s: slow down.", "rate_limited", "Try again in 2 s: slow down.")]
    public void TheCodeIsReadFromWhatTheClientReceives(string message, string code, string detail)
    {
        Assert.True(HubErrorMessage.TryParse(message, out var parsedCode, out var parsedDetail));
        Assert.Equal((code, detail), (parsedCode, parsedDetail));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("An unexpected error occurred invoking 'Vote' on the server.")]
    [InlineData("Something: else")]
    public void MessagesWithoutACodeAreNotParsed(string? message)
    {
        Assert.False(HubErrorMessage.TryParse(message, out _, out _));
    }
}
