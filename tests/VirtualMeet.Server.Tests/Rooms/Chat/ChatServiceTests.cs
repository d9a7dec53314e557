using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Rooms.Chat;

/// <summary>Validation, the chat rate limit and mutes, with the clock in the test's hand.</summary>
public sealed class ChatServiceTests
{
    private const string EventId = "chat-service";
    private static readonly ChatAuthor Ada = new("ada", "Ada", "attendee");

    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryChatStore _store = new();
    private readonly ChatService _chat;

    public ChatServiceTests()
    {
        var limits = new AttendeeRateLimits(new InMemoryRateLimiter(_time), Options.Create(new RateLimitOptions()));
        _chat = new ChatService(_store, limits, Options.Create(new ChatOptions()), _time, NullLogger<ChatService>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    public async Task InvalidTextIsRefusedAndNothingIsStored(string? text)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => _chat.PostAsync(EventId, "r", Ada, text, Ct));

        HubAssert.HasCode(ErrorCodes.InvalidArgument, error.Message);
        Assert.Empty((await _chat.RecentAsync(EventId, "r", Ct)).Messages);
    }

    [Fact]
    public async Task TextIsTrimmedAndMayBeExactlyTheMaximumLength()
    {
        var longest = new string('x', 1000);
        Assert.Equal("hi", (await _chat.PostAsync(EventId, "r", Ada, "  hi \t", Ct)).Text);
        Assert.Equal(longest, (await _chat.PostAsync(EventId, "r", Ada, longest, Ct)).Text);
        var error = await Assert.ThrowsAsync<HubException>(() => _chat.PostAsync(EventId, "r", Ada, longest + "x", Ct));
        HubAssert.HasCode(ErrorCodes.InvalidArgument, error.Message);
    }

    [Fact]
    public async Task TheSixthLineWithinTenSecondsIsRateLimitedWithAHintAndTheFiveAreKept()
    {
        for (var i = 0; i < 5; i++)
            await _chat.PostAsync(EventId, i % 2 == 0 ? "r" : "other", Ada, $"line {i}", Ct);

        var error = await Assert.ThrowsAsync<HubException>(() => _chat.PostAsync(EventId, "r", Ada, "one more", Ct));

        HubAssert.HasCode(ErrorCodes.RateLimited, error.Message);
        Assert.Contains("Retry after 10.0 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await _chat.RecentAsync(EventId, "r", Ct)).Messages.Count);
        await _chat.PostAsync(EventId, "r", new ChatAuthor("bob", "Bob", "attendee"), "others may talk", Ct);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("now again", (await _chat.PostAsync(EventId, "r", Ada, "now again", Ct)).Text);
    }

    [Fact]
    public async Task AMutedAttendeeIsForbiddenUntilTheMuteEndsOrIsLifted()
    {
        var until = await _chat.MuteAsync(EventId, "r", "ada", 5, Ct);

        var error = await Assert.ThrowsAsync<HubException>(() => _chat.PostAsync(EventId, "r", Ada, "hello?", Ct));
        HubAssert.HasCode(ErrorCodes.Forbidden, error.Message);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), until);

        await _chat.MuteAsync(EventId, "r", "ada", 0, Ct);
        Assert.Equal("hello", (await _chat.PostAsync(EventId, "r", Ada, "hello", Ct)).Text);
    }

    [Fact]
    public async Task DeletingReturnsTheNoticeOnceAndUnknownLinesAreNotFound()
    {
        var line = await _chat.PostAsync(EventId, "r", Ada, "oops", Ct);

        var notice = await _chat.DeleteAsync(EventId, "r", line.Id, Ct);

        Assert.Equal(line.Id, notice!.MessageId);
        Assert.Equal(2, notice.Version);
        Assert.Null(await _chat.DeleteAsync(EventId, "r", line.Id, Ct));
        var error = await Assert.ThrowsAsync<HubException>(() => _chat.DeleteAsync(EventId, "r", "404", Ct));
        HubAssert.HasCode(ErrorCodes.NotFound, error.Message);
    }

    [Fact]
    public async Task MutesBeyondTheMaximumAreRefused()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => _chat.MuteAsync(EventId, "r", "ada", 24 * 60 + 1, Ct));
        HubAssert.HasCode(ErrorCodes.InvalidArgument, error.Message);
    }
}
