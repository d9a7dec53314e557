using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Breakouts;

/// <summary>What every <see cref="IBreakoutStore"/> must do; run against each implementation.</summary>
public abstract class BreakoutStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    private readonly string _eventId = "ev-" + Guid.NewGuid().ToString("N")[..8];

    internal abstract IBreakoutStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandsQueueInTheOrderTheyWentUpAndEveryChangeBumpsTheVersion()
    {
        var first = await Store.RaiseHandAsync(_eventId, "s1", "ben", Ct);
        var second = await Store.RaiseHandAsync(_eventId, "s1", "anna", Ct);
        var repeat = await Store.RaiseHandAsync(_eventId, "s1", "ben", Ct);
        var lowered = await Store.LowerHandAsync(_eventId, "s1", "ben", Ct);
        var notUp = await Store.LowerHandAsync(_eventId, "s1", "carl", Ct);

        Assert.Equal(new[] { true, true, false, true, false }, new[] { first, second, repeat, lowered, notUp }.Select(h => h.Changed));
        Assert.Equal(new long[] { 1, 2, 2, 3, 3 }, new[] { first, second, repeat, lowered, notUp }.Select(h => h.Version));
        Assert.Equal(["ben", "anna"], second.RaisedHands);
        Assert.Equal(["anna"], (await Store.GetHandsAsync(_eventId, "s1", Ct)).RaisedHands);
        Assert.Empty((await Store.GetHandsAsync(_eventId, "s2", Ct)).RaisedHands);
    }

    [Fact]
    public async Task AVideoLinkIsSetAndRemoved()
    {
        await Store.SetVideoUrlAsync(_eventId, "s1", "https://jitsi.example/a", Ct);
        Assert.Equal("https://jitsi.example/a", await Store.GetVideoUrlAsync(_eventId, "s1", Ct));

        await Store.SetVideoUrlAsync(_eventId, "s1", null, Ct);
        Assert.Null(await Store.GetVideoUrlAsync(_eventId, "s1", Ct));
    }

    [Fact]
    public async Task AnAdmissionOpensOneSessionForOneAttendeeUntilTheyAreErased()
    {
        await Store.AdmitAsync(_eventId, "s1", "anna", Ct);
        await Store.AdmitAsync(_eventId, "s1", "anna", Ct);
        await Store.AdmitAsync(_eventId, "s2", "ben", Ct);

        Assert.True(await Store.IsAdmittedAsync(_eventId, "s1", "anna", Ct));
        Assert.False(await Store.IsAdmittedAsync(_eventId, "s2", "anna", Ct));
        Assert.False(await Store.IsAdmittedAsync(_eventId, "s1", "ben", Ct));
        Assert.False(await Store.IsAdmittedAsync("other-" + _eventId, "s1", "anna", Ct));

        await ((IAttendeeScopedData)Store).EraseAttendeeAsync(_eventId, "anna", Ct);
        Assert.False(await Store.IsAdmittedAsync(_eventId, "s1", "anna", Ct));
        Assert.True(await Store.IsAdmittedAsync(_eventId, "s2", "ben", Ct));
    }

    [Fact]
    public async Task AClosingCompletesOnceAndOnlyAtItsOwnDeadline()
    {
        var closesAt = Now.AddMinutes(2);
        await Store.SetClosingAsync(_eventId, Now.AddMinutes(1), Ct);
        await Store.SetClosingAsync(_eventId, closesAt, Ct);

        Assert.Equal(closesAt, await Store.GetClosingAsync(_eventId, Ct));
        Assert.False(await Store.TryCompleteClosingAsync(_eventId, Now.AddMinutes(1), Ct));
        var completions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.TryCompleteClosingAsync(_eventId, closesAt, Ct)));
        Assert.Single(completions, c => c);
        Assert.Null(await Store.GetClosingAsync(_eventId, Ct));
    }
}

public sealed class InMemoryBreakoutStoreTests : BreakoutStoreContract
{
    internal override IBreakoutStore Store { get; } = new InMemoryBreakoutStore();
}

public class RedisBreakoutStoreTests(RedisStoreFixture redis)
    : BreakoutStoreContract, IClassFixture<RedisStoreFixture>
{
    internal override IBreakoutStore Store { get; } = new RedisBreakoutStore(redis.Database);
}
