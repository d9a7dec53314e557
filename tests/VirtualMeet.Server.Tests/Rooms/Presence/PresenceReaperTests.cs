using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Rooms.Presence;
using VirtualMeet.SignalR.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Rooms.Presence;

public sealed class PresenceReaperTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryPresenceStore _store = new();
    private readonly RecordingSink _breakouts = new("breakout:");
    private readonly RecordingSink _bars = new("bar:");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpiredGraceIsDeliveredToTheSinkOfTheRoom()
    {
        var reaper = CreateReaper();
        var room = await HeldSeatAsync("breakout:s1", TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(31));
        await reaper.ReapOnceAsync(Ct);

        var delivered = await _breakouts.Changes.Reader.ReadAsync(Ct).AsTask().WaitAsync(TestTimeouts.Default, Ct);
        Assert.Equal([new PresenceSeatChange(room, "anna", 2, 0)], delivered);
        Assert.False(_bars.Changes.Reader.TryRead(out _));
    }

    [Fact]
    public async Task TheReaperTicksOnItsOwn()
    {
        using var reaper = CreateReaper();
        var room = await HeldSeatAsync("bar:b1:table:t1", TimeSpan.FromSeconds(1));
        await reaper.StartAsync(Ct);

        // ExecuteAsync starts on a background thread: keep moving the clock until its timer has been created and fired.
        var delivered = await Eventually.UntilAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(2));
                return Task.FromResult(_bars.Changes.Reader.TryRead(out var changes) ? changes : null);
            },
            changes => changes is not null);
        Assert.Equal(room, delivered!.Single().Room);
        await reaper.StopAsync(Ct);
    }

    private async Task<PresenceRoom> HeldSeatAsync(string roomId, TimeSpan grace)
    {
        var room = new PresenceRoom("ev-1", roomId);
        var now = _time.GetUtcNow();
        await _store.JoinAsync(room, new PresenceJoin("anna", "Anna", "attendee", "c1", "node-a", now), Ct);
        await _store.DisconnectAsync(room, "c1", now + grace, now, Ct);
        return room;
    }

    private PresenceReaper CreateReaper()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var node = new ClusterNode(
            new NodeIdentity(Options.Create(new HostingOptions { NodeName = "node-a" })), services, Options.Create(new RedisBackplaneOptions()));
        return new PresenceReaper(_store, node, [_breakouts, _bars],
            Options.Create(new PresenceOptions { ReapInterval = TimeSpan.FromSeconds(2) }), _time, NullLogger<PresenceReaper>.Instance);
    }

    private sealed class RecordingSink(string prefix) : IPresenceChangeSink
    {
        public Channel<IReadOnlyList<PresenceSeatChange>> Changes { get; } = Channel.CreateUnbounded<IReadOnlyList<PresenceSeatChange>>();

        public string RoomPrefix => prefix;

        public Task OnSeatsFreedAsync(IReadOnlyList<PresenceSeatChange> changes, CancellationToken cancellationToken) =>
            Changes.Writer.WriteAsync(changes, cancellationToken).AsTask();
    }
}
