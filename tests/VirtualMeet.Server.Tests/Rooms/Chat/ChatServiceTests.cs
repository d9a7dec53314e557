using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Refusals;
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
    private static readonly AuditActor Moderator = new("org-moderator", "Mo Moderator");

    private readonly InMemoryChatStore _store = new();
    private readonly InMemoryAuditStore _audit = new();
    private readonly ChatService _chat;

    public ChatServiceTests()
    {
        var limits = new AttendeeRateLimits(new InMemoryRateLimiter(_time), Options.Create(new RateLimitOptions()));
        var audit = new AuditLog(_audit, Options.Create(new AuditOptions()), _time, NullLogger<AuditLog>.Instance);
        _chat = new ChatService(_store, limits, Options.Create(new ChatOptions()), audit, _time, NullLogger<ChatService>.Instance);
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
        var error = await Assert.ThrowsAsync<Refusal>(() => _chat.PostAsync(EventId, "r", Ada, text, Ct));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Empty((await _chat.RecentAsync(EventId, "r", Ct)).Messages);
    }

    [Fact]
    public async Task TextIsTrimmedAndMayBeExactlyTheMaximumLength()
    {
        var longest = new string('x', 1000);
        Assert.Equal("hi", (await _chat.PostAsync(EventId, "r", Ada, "  hi \t", Ct)).Text);
        Assert.Equal(longest, (await _chat.PostAsync(EventId, "r", Ada, longest, Ct)).Text);
        var error = await Assert.ThrowsAsync<Refusal>(() => _chat.PostAsync(EventId, "r", Ada, longest + "x", Ct));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public async Task TheSixthLineWithinTenSecondsIsRateLimitedWithAHintAndTheFiveAreKept()
    {
        for (var i = 0; i < 5; i++)
            await _chat.PostAsync(EventId, i % 2 == 0 ? "r" : "other", Ada, $"line {i}", Ct);

        var error = await Assert.ThrowsAsync<Refusal>(() => _chat.PostAsync(EventId, "r", Ada, "one more", Ct));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.Contains("Retry after 10.0 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await _chat.RecentAsync(EventId, "r", Ct)).Messages.Count);
        await _chat.PostAsync(EventId, "r", new ChatAuthor("bob", "Bob", "attendee"), "others may talk", Ct);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("now again", (await _chat.PostAsync(EventId, "r", Ada, "now again", Ct)).Text);
    }

    [Fact]
    public async Task AMutedAttendeeIsForbiddenUntilTheMuteEndsOrIsLifted()
    {
        var until = await _chat.MuteAsync(EventId, "r", "ada", 5, Moderator, Ct);

        var error = await Assert.ThrowsAsync<Refusal>(() => _chat.PostAsync(EventId, "r", Ada, "hello?", Ct));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), until);

        await _chat.MuteAsync(EventId, "r", "ada", 0, Moderator, Ct);
        Assert.Equal("hello", (await _chat.PostAsync(EventId, "r", Ada, "hello", Ct)).Text);
    }

    [Fact]
    public async Task DeletingReturnsTheNoticeOnceAndUnknownLinesAreNotFound()
    {
        var line = await _chat.PostAsync(EventId, "r", Ada, "oops", Ct);

        var notice = await _chat.DeleteAsync(EventId, "r", line.Id, Moderator, Ct);

        Assert.Equal(line.Id, notice!.MessageId);
        Assert.Equal(2, notice.Version);
        Assert.Null(await _chat.DeleteAsync(EventId, "r", line.Id, Moderator, Ct));
        var error = await Assert.ThrowsAsync<Refusal>(() => _chat.DeleteAsync(EventId, "r", "404", Moderator, Ct));
        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task DeletingAndMutingAreAuditedOnceWithTheModeratorAndTheTime()
    {
        var line = await _chat.PostAsync(EventId, "r", Ada, "oops", Ct);
        _time.Advance(TimeSpan.FromMinutes(3));

        await _chat.DeleteAsync(EventId, "r", line.Id, Moderator, Ct);
        await _chat.DeleteAsync(EventId, "r", line.Id, Moderator, Ct);
        await _chat.MuteAsync(EventId, "r", "ada", 5, Moderator, Ct);

        var entries = await _audit.ReadAsync(EventId, 0, 10, Ct);
        Assert.Equal([AuditActions.ChatDelete, AuditActions.ChatMute], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((Moderator.Id, _time.GetUtcNow()), (e.ActorId, e.At)));
        Assert.Equal(["r/" + line.Id, "r/ada"], entries.Select(e => e.Target));
    }

    [Fact]
    public async Task MutesBeyondTheMaximumAreRefused()
    {
        var error = await Assert.ThrowsAsync<Refusal>(() => _chat.MuteAsync(EventId, "r", "ada", 24 * 60 + 1, Moderator, Ct));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }
}
