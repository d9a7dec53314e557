using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Events;

/// <summary>What every <see cref="IEventStore"/> must do; run against each implementation.</summary>
public abstract class EventStoreContract
{
    protected abstract IEventStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAddedEventReadsBackEqual()
    {
        var definition = TestEvents.Create();
        Assert.True(await Store.TryAddAsync(definition, Ct));

        var read = await Store.GetAsync(definition.Id, Ct);

        Assert.NotNull(read);
        Assert.Equal(definition.Title, read.Title);
        Assert.Equal(definition.Sessions.Select(s => (s.Id, s.Kind, s.Title, s.StartsAt, s.Capacity)), read.Sessions.Select(s => (s.Id, s.Kind, s.Title, s.StartsAt, s.Capacity)));
        Assert.Equal(definition.People, read.People);
    }

    [Fact]
    public async Task AddingAnExistingIdChangesNothing()
    {
        var definition = TestEvents.Create();
        await Store.TryAddAsync(definition, Ct);

        Assert.False(await Store.TryAddAsync(definition with { Title = "Replaced" }, Ct));
        Assert.Equal(definition.Title, (await Store.GetAsync(definition.Id, Ct))!.Title);
    }

    [Fact]
    public async Task ConcurrentAddsOfOneIdHaveExactlyOneWinner()
    {
        var definition = TestEvents.Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.TryAddAsync(definition with { Title = $"T{i}" }, Ct)));

        Assert.Single(results, added => added);
    }

    [Fact]
    public async Task ReplacingChangesAnExistingEventAndNeverBringsBackADeletedOne()
    {
        var definition = TestEvents.Create();
        Assert.False(await Store.ReplaceAsync(definition, Ct));
        Assert.Null(await Store.GetAsync(definition.Id, Ct));

        await Store.TryAddAsync(definition, Ct);
        Assert.True(await Store.ReplaceAsync(definition with { Registration = RegistrationMode.Invitation }, Ct));
        Assert.Equal(RegistrationMode.Invitation, (await Store.GetAsync(definition.Id, Ct))!.Registration);

        await Store.DeleteAsync(definition.Id, Ct);
        Assert.False(await Store.ReplaceAsync(definition, Ct));
        Assert.Null(await Store.GetAsync(definition.Id, Ct));
    }

    [Fact]
    public async Task ListingReturnsEventsOrderedById()
    {
        var b = TestEvents.Create(TestEvents.NewId("list-b"));
        var a = TestEvents.Create(TestEvents.NewId("list-a"));
        await Store.TryAddAsync(b, Ct);
        await Store.TryAddAsync(a, Ct);

        var ids = (await Store.ListAsync(Ct)).Select(e => e.Id).ToList();

        Assert.True(ids.IndexOf(a.Id) < ids.IndexOf(b.Id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task ADeletedEventIsGoneFromGetAndList()
    {
        var definition = TestEvents.Create();
        await Store.TryAddAsync(definition, Ct);

        Assert.True(await Store.DeleteAsync(definition.Id, Ct));

        Assert.Null(await Store.GetAsync(definition.Id, Ct));
        Assert.DoesNotContain(await Store.ListAsync(Ct), e => e.Id == definition.Id);
        Assert.False(await Store.DeleteAsync(definition.Id, Ct));
    }

    [Fact]
    public async Task AnUnknownEventIsNull() => Assert.Null(await Store.GetAsync("unknown-event", Ct));
}
