using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>
/// The anonymous availability endpoint reads every roster of the event, so each node answers it from one computation
/// per second per event (<c>Registrations:AvailabilityCacheSeconds</c>), and keeps answers only for events that exist.
/// </summary>
public sealed class AvailabilityCacheTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private VirtualMeetNode _node = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _node = await VirtualMeetNode.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(_time));
        _client = _node.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task ASeatTakenShowsOnlyOnceTheAnswerIsASecondOld()
    {
        var definition = TestEvents.Create(workshopCapacity: 2);
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        Assert.Equal(0, (await WorkshopAsync(definition.Id)).Confirmed);

        var attendee = await _client.RegisterAsync(definition.Id);
        (await _client.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/workshop/registrations", attendee.AccessToken)).Dispose();

        for (var i = 0; i < 20; i++)
            Assert.Equal(0, (await WorkshopAsync(definition.Id)).Confirmed);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, (await WorkshopAsync(definition.Id)).Confirmed);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new SessionAvailability("workshop", 2, Confirmed: 1, Waitlisted: 0, SeatsLeft: 1), await WorkshopAsync(definition.Id));
    }

    [Fact]
    public async Task UnknownAndMalformedEventsLeaveNothingInTheCache()
    {
        var cache = _node.GetRequiredService<SessionAvailabilityCache>();
        var unknown = TestEvents.NewId("unknown");

        using (var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{unknown}/availability", token: null))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await _client.SendAsync(HttpMethod.Get, "/api/events/Not%20An%20Id/availability", token: null))
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);

        Assert.False(cache.Holds(unknown));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task RequestsArrivingDuringAComputationShareItAndAnAnswerOfAPurgedEventIsSweptAway()
    {
        var events = new InMemoryEventStore();
        var seats = new GatedRosters(new InMemorySessionRegistrationStore());
        var cache = new SessionAvailabilityCache(events, seats, Options.Create(new RegistrationsOptions()), _time);
        var first = TestEvents.Create();
        var second = TestEvents.Create();
        Assert.True(await events.TryAddAsync(first, CancellationToken.None));
        Assert.True(await events.TryAddAsync(second, CancellationToken.None));

        var flood = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(first.Id, CancellationToken.None)).ToList();
        seats.Open();
        var answers = await Task.WhenAll(flood).WaitAsync(TestTimeouts.Default);

        Assert.Equal(1, seats.RosterReads);
        Assert.All(answers, a => Assert.Same(answers[0], a));

        await events.DeleteAsync(first.Id, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(await cache.GetAsync(second.Id, CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.False(cache.Holds(first.Id), "an answer past its time is swept when another is computed");
        Assert.Null(await cache.GetAsync(first.Id, CancellationToken.None).WaitAsync(TestTimeouts.Default));
        Assert.Equal(1, cache.Count);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("61")]
    public async Task ACacheTimeOutOfRangeFailsAtBootNamingTheKey(string seconds)
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?> { ["Registrations:AvailabilityCacheSeconds"] = seconds });

        Assert.Contains("Registrations:AvailabilityCacheSeconds", message, StringComparison.Ordinal);
    }

    private async Task<SessionAvailability> WorkshopAsync(string eventId)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{eventId}/availability", token: null);
        return Assert.Single(await response.ReadAsync<List<SessionAvailability>>(), a => a.SessionId == "workshop");
    }

    /// <summary>Counts roster reads and holds them until <see cref="Open"/>, so concurrent requests meet one computation.</summary>
    private sealed class GatedRosters(ISessionRegistrationStore inner) : ISessionRegistrationStore
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _rosterReads;

        public int RosterReads => Volatile.Read(ref _rosterReads);

        public void Open() => _open.TrySetResult();

        public async Task<SessionRoster> GetRosterAsync(string eventId, string sessionId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _rosterReads);
            await _open.Task.WaitAsync(TestTimeouts.Default, cancellationToken);
            return await inner.GetRosterAsync(eventId, sessionId, cancellationToken);
        }

        public Task<SessionPlace> RegisterAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken) =>
            inner.RegisterAsync(eventId, sessionId, attendeeId, capacity, cancellationToken);

        public Task<Cancellation> CancelAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken) =>
            inner.CancelAsync(eventId, sessionId, attendeeId, capacity, cancellationToken);

        public Task<SessionPlace> GetAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken) =>
            inner.GetAsync(eventId, sessionId, attendeeId, cancellationToken);

        public Task<IReadOnlyList<string>> GetSessionsOfAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
            inner.GetSessionsOfAsync(eventId, attendeeId, cancellationToken);
    }
}
