using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Tests.Rooms.Chat;

/// <summary>What every <see cref="IChatStore"/> must do; run against each implementation.</summary>
public abstract class ChatStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    internal abstract IChatStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEvent() => "chat-" + Guid.NewGuid().ToString("N")[..10];

    private static ChatDraft Line(string author, string text, DateTimeOffset? at = null) =>
        new(author, "Name " + author, "attendee", text, at ?? Now);

    [Fact]
    public async Task AppendedLinesGetConsecutiveIdsAndVersionsAndReadBackOldestFirst()
    {
        var eventId = NewEvent();
        var first = (await Store.AppendAsync(eventId, "stage:s1", Line("a", "hello"), 100, Ct)).Message!;
        var second = (await Store.AppendAsync(eventId, "stage:s1", Line("b", "hi"), 100, Ct)).Message!;

        Assert.Equal(("1", 1L, "a", "Name a", "attendee", "hello", Now), (first.Id, first.Version, first.AuthorId, first.AuthorName, first.AuthorRole, first.Text, first.SentAt));
        Assert.Equal(("2", 2L), (second.Id, second.Version));
        var history = await Store.RecentAsync(eventId, "stage:s1", 50, Ct);
        Assert.Equal(2, history.Version);
        Assert.Equal([first, second], history.Messages);
    }

    [Fact]
    public async Task RoomsAreSeparate()
    {
        var eventId = NewEvent();
        await Store.AppendAsync(eventId, "stage:s1", Line("a", "one"), 100, Ct);
        await Store.AppendAsync(eventId, "bar:b1:table:t1", Line("a", "two"), 100, Ct);

        var history = await Store.RecentAsync(eventId, "bar:b1:table:t1", 50, Ct);

        Assert.Equal(["two"], history.Messages.Select(m => m.Text));
        Assert.Empty((await Store.RecentAsync(eventId, "stage:other", 50, Ct)).Messages);
        Assert.Empty((await Store.RecentAsync(NewEvent(), "stage:s1", 50, Ct)).Messages);
    }

    [Fact]
    public async Task RecentReturnsTheLastLinesAndTheRoomKeepsOnlyWhatItRetains()
    {
        var eventId = NewEvent();
        for (var i = 1; i <= 12; i++)
            await Store.AppendAsync(eventId, "r", Line("a", $"line {i}"), retain: 10, Ct);

        Assert.Equal(["line 10", "line 11", "line 12"], (await Store.RecentAsync(eventId, "r", 3, Ct)).Messages.Select(m => m.Text));
        var all = await Store.RecentAsync(eventId, "r", 50, Ct);
        Assert.Equal(10, all.Messages.Count);
        Assert.Equal("line 3", all.Messages[0].Text);
        Assert.Equal(12, all.Version);
    }

    [Fact]
    public async Task DeletingLeavesATombstoneAndRaisesTheVersionOnce()
    {
        var eventId = NewEvent();
        var line = (await Store.AppendAsync(eventId, "r", Line("a", "rude"), 100, Ct)).Message!;
        await Store.AppendAsync(eventId, "r", Line("b", "fine"), 100, Ct);

        var deleted = await Store.DeleteAsync(eventId, "r", line.Id, Ct);
        var again = await Store.DeleteAsync(eventId, "r", line.Id, Ct);

        Assert.Equal(new ChatDeleteResult(ChatDeleteStatus.Deleted, 3), deleted);
        Assert.Equal(new ChatDeleteResult(ChatDeleteStatus.AlreadyDeleted, 3), again);
        var history = await Store.RecentAsync(eventId, "r", 50, Ct);
        Assert.Equal(3, history.Version);
        var tombstone = history.Messages[0];
        Assert.True(tombstone.Deleted);
        Assert.Null(tombstone.Text);
        Assert.Equal((line.Id, "a"), (tombstone.Id, tombstone.AuthorId));
        Assert.Equal("fine", history.Messages[1].Text);
    }

    [Fact]
    public async Task DeletingAnUnknownOrDroppedLineIsNotFound()
    {
        var eventId = NewEvent();
        await Store.AppendAsync(eventId, "r", Line("a", "one"), retain: 1, Ct);
        await Store.AppendAsync(eventId, "r", Line("a", "two"), retain: 1, Ct);

        Assert.Equal(ChatDeleteStatus.NotFound, (await Store.DeleteAsync(eventId, "r", "1", Ct)).Status);
        Assert.Equal(ChatDeleteStatus.NotFound, (await Store.DeleteAsync(eventId, "r", "99", Ct)).Status);
        Assert.Equal(ChatDeleteStatus.NotFound, (await Store.DeleteAsync(eventId, "nowhere", "1", Ct)).Status);
    }

    [Fact]
    public async Task AMutedAuthorIsRefusedUntilTheMuteEndsAndNothingIsStored()
    {
        var eventId = NewEvent();
        var until = Now.AddMinutes(10);
        await Store.MuteAsync(eventId, "r", "a", until, Ct);

        var refused = await Store.AppendAsync(eventId, "r", Line("a", "let me talk"), 100, Ct);
        var other = await Store.AppendAsync(eventId, "r", Line("b", "hi"), 100, Ct);
        var elsewhere = await Store.AppendAsync(eventId, "other", Line("a", "here I may"), 100, Ct);
        var later = await Store.AppendAsync(eventId, "r", Line("a", "back", until), 100, Ct);

        Assert.Null(refused.Message);
        Assert.Equal(until, refused.MutedUntil);
        Assert.NotNull(other.Message);
        Assert.NotNull(elsewhere.Message);
        Assert.Equal("back", later.Message!.Text);
        Assert.Equal(["hi", "back"], (await Store.RecentAsync(eventId, "r", 50, Ct)).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task ConcurrentAppendsGetDistinctIdsAndNoneIsLost()
    {
        var eventId = NewEvent();

        var lines = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Store.AppendAsync(eventId, "r", Line($"u{i % 7}", $"line {i}"), 1000, Ct)));

        Assert.Equal(100, lines.Select(l => l.Message!.Id).Distinct().Count());
        var history = await Store.RecentAsync(eventId, "r", 1000, Ct);
        Assert.Equal(100, history.Messages.Count);
        Assert.Equal(100, history.Version);
    }

    [Fact]
    public async Task ErasingAnAuthorTombstonesTheirLinesInTheRoomsOfThePrefixWithoutIdOrName()
    {
        var eventId = NewEvent();
        await Store.AppendAsync(eventId, "stage:s1", Line("a", "mine"), 100, Ct);
        await Store.AppendAsync(eventId, "stage:s2", Line("a", "mine too"), 100, Ct);
        await Store.AppendAsync(eventId, "stage:s1", Line("b", "theirs"), 100, Ct);
        await Store.AppendAsync(eventId, "bar:x:table:y", Line("a", "elsewhere"), 100, Ct);
        await Store.MuteAsync(eventId, "stage:s1", "a", Now.AddHours(1), Ct);

        var erased = await Store.EraseAuthorAsync(eventId, "stage:", "a", Ct);

        // Each tombstone raises its room's version, as a moderator's delete does, so the push carries a version.
        Assert.Equal([("stage:s1", "1", 3L), ("stage:s2", "1", 2L)], erased.Select(e => (e.RoomId, e.MessageId, e.Version)).Order());
        var r1 = await Store.RecentAsync(eventId, "stage:s1", 50, Ct);
        Assert.Equal(3, r1.Version);
        Assert.Equal([null, "theirs"], r1.Messages.Select(m => m.Text));
        Assert.True(r1.Messages[0].Deleted);
        Assert.Equal(("", ""), (r1.Messages[0].AuthorId, r1.Messages[0].AuthorName));
        Assert.Null((await Store.RecentAsync(eventId, "stage:s2", 50, Ct)).Messages[0].Text);
        Assert.Equal("elsewhere", (await Store.RecentAsync(eventId, "bar:x:table:y", 50, Ct)).Messages[0].Text);
        // The mute went with them: a line under the same id is taken (the erased token is refused elsewhere).
        Assert.NotNull((await Store.AppendAsync(eventId, "stage:s1", Line("a", "again"), 100, Ct)).Message);
    }

    [Fact]
    public async Task ErasingAnAuthorTwiceTombstonesNothingTheSecondTime()
    {
        var eventId = NewEvent();
        await Store.AppendAsync(eventId, "breakout:b", Line("a", "mine"), 100, Ct);

        Assert.Single(await Store.EraseAuthorAsync(eventId, "breakout:", "a", Ct));
        Assert.Empty(await Store.EraseAuthorAsync(eventId, "breakout:", "a", Ct));
        Assert.Equal(2, (await Store.RecentAsync(eventId, "breakout:b", 50, Ct)).Version);
    }
}
