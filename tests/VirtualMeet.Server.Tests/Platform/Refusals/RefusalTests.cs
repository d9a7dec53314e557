using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Refusals;

/// <summary>
/// One refusal, translated once per transport: a hub client reads <c>code: message</c>, a REST client the problem
/// an endpoint would have returned for the code. The refusals come out of a real feature path (the event store under
/// the polls hub and the agenda endpoint), so the filter and the exception handler are tested as registered.
/// </summary>
public sealed class RefusalTests(RefusalTests.RefusingNodeFixture fixture) : IClassFixture<RefusalTests.RefusingNodeFixture>
{
    private const string Secret = "connection string with a password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every code a refusal can carry, with the status REST answers it with (as endpoints did before).</summary>
    private static readonly Dictionary<string, HttpStatusCode> StatusOfCode = new(StringComparer.Ordinal)
    {
        [ErrorCodes.InvalidArgument] = HttpStatusCode.BadRequest,
        [ErrorCodes.Forbidden] = HttpStatusCode.Forbidden,
        [ErrorCodes.NotFound] = HttpStatusCode.NotFound,
        [ErrorCodes.Conflict] = HttpStatusCode.Conflict,
        [ErrorCodes.RoomFull] = HttpStatusCode.Conflict,
        [ErrorCodes.PollClosed] = HttpStatusCode.Conflict,
        [ErrorCodes.AlreadyVoted] = HttpStatusCode.Conflict,
        [ErrorCodes.NotAMember] = HttpStatusCode.Conflict,
        [ErrorCodes.RateLimited] = HttpStatusCode.TooManyRequests,
        [ErrorCodes.Unavailable] = HttpStatusCode.ServiceUnavailable,
    };

    public static TheoryData<string> Codes => [.. StatusOfCode.Keys];

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task ARefusalInAHubMethodReachesTheClientAsCodeColonMessage(string code)
    {
        var eventId = fixture.Events.Failing(RefusalOf(code, "Table 3 has 6 of 6 seats taken."));
        await using var connection = await fixture.ConnectToPollsAsync();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null, Ct).WaitAsync(TestTimeouts.Default, Ct));

        Assert.Equal(
            $"An unexpected error occurred invoking 'Watch' on the server. HubException: {code}: Table 3 has 6 of 6 seats taken.",
            error.Message);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task ARefusalFromAnEndpointIsAProblemWithTheStatusOfItsCode(string code)
    {
        var status = StatusOfCode[code];
        var eventId = fixture.Events.Failing(RefusalOf(code, "Refused for a reason."));

        using var response = await fixture.Client.GetAsync($"/api/events/{eventId}", Ct);

        var problem = await ProblemAsync(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal("Refused for a reason.", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task ARefusedEndpointAnswersExactlyLikeAnEndpointThatReturnsTheProblemItself()
    {
        // GET /api/events/{unknown} returns ProblemResponses.NotFound; the refusal takes the exception handler's way.
        using var returned = await fixture.Client.GetAsync("/api/events/no-such-event", Ct);
        var eventId = fixture.Events.Failing(Refusal.NotFound("Event 'no-such-event' does not exist."));
        using var thrown = await fixture.Client.GetAsync($"/api/events/{eventId}", Ct);

        var expected = await ProblemAsync(returned, HttpStatusCode.NotFound);
        var actual = await ProblemAsync(thrown, HttpStatusCode.NotFound);
        Assert.Equal(Names(expected), Names(actual));
        foreach (var name in new[] { "type", "title", "status", "detail", "code" })
            Assert.Equal(expected.GetProperty(name).ToString(), actual.GetProperty(name).ToString());
    }

    [Fact]
    public async Task ARefusalIsAProblemAlsoForAClientThatAskedForCsv()
    {
        // The problem writer declines requests that accept no JSON; endpoints' own problems fall back to JSON then.
        var eventId = fixture.Events.Failing(Refusal.Forbidden("Results are shown once the poll closes."));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{eventId}");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await fixture.Client.SendAsync(request, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(ErrorCodes.Forbidden, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ARateLimitedRefusalTellsRestClientsWhenToRetry()
    {
        var eventId = fixture.Events.Failing(Refusal.RateLimited("Too many sign-up actions.", TimeSpan.FromSeconds(2.5)));

        using var response = await fixture.Client.GetAsync($"/api/events/{eventId}", Ct);

        await ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task AnExceptionThatIsNoRefusalStaysAGenericErrorOnBothTransports()
    {
        var eventId = fixture.Events.Failing(new InvalidOperationException(Secret));
        await using var connection = await fixture.ConnectToPollsAsync();

        using var response = await fixture.Client.GetAsync($"/api/events/{eventId}", Ct);
        var hubError = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null, Ct).WaitAsync(TestTimeouts.Default, Ct));

        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(ErrorCodes.Internal, problem.GetProperty("code").GetString());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.Equal("An unexpected error occurred invoking 'Watch' on the server.", hubError.Message);
        // Logged instead; this also shows that the log the next test reads sees errors when there are some.
        Assert.Contains(fixture.Logs.Errors, e => e.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusalsAreTheCallersMistakeAndTheServerLogsNoErrorForThem()
    {
        var marker = "Not now " + Guid.NewGuid().ToString("N");
        var eventId = fixture.Events.Failing(Refusal.Conflict(marker));
        await using var connection = await fixture.ConnectToPollsAsync();

        using var response = await fixture.Client.GetAsync($"/api/events/{eventId}", Ct);
        await ProblemAsync(response, HttpStatusCode.Conflict);
        await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null, Ct).WaitAsync(TestTimeouts.Default, Ct));

        // SignalR's dispatcher used to log every failed invocation at Error, coded ones too; now nothing does.
        Assert.DoesNotContain(fixture.Logs.Errors, e => e.Contains(marker, StringComparison.Ordinal));
    }

    private static Refusal RefusalOf(string code, string message) => code switch
    {
        ErrorCodes.InvalidArgument => Refusal.InvalidArgument(message),
        ErrorCodes.Forbidden => Refusal.Forbidden(message),
        ErrorCodes.NotFound => Refusal.NotFound(message),
        ErrorCodes.Conflict => Refusal.Conflict(message),
        ErrorCodes.RoomFull => Refusal.RoomFull(message),
        ErrorCodes.PollClosed => Refusal.PollClosed(message),
        ErrorCodes.AlreadyVoted => Refusal.AlreadyVoted(message),
        ErrorCodes.NotAMember => Refusal.NotAMember(message),
        ErrorCodes.RateLimited => Refusal.RateLimited(message, TimeSpan.FromSeconds(1)),
        ErrorCodes.Unavailable => Refusal.Unavailable(message),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "No refusal has this code."),
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<string> Names(JsonElement problem) => problem.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>A node whose event store throws, for chosen event ids, what a test hands it; and its error logs.</summary>
    public sealed class RefusingNodeFixture : IAsyncLifetime
    {
        private VirtualMeetNode? _node;
        private string? _organizerToken;

        internal FailingEventStore Events { get; } = new();

        internal ErrorLog Logs { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _node = await VirtualMeetNode.StartAsync(configureServices: services =>
            {
                services.AddSingleton<IEventStore>(Events);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
            Client = _node.CreateClient();
            _organizerToken = await TestTokens.OrganizerAsync(_node);
        }

        /// <summary>An organizer on the polls hub: <c>Watch</c> reads the event store first thing.</summary>
        public Task<HubConnection> ConnectToPollsAsync() => _node!.ConnectAsync(HubRoutes.Polls, _organizerToken);

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (_node is not null)
                await _node.DisposeAsync();
        }
    }

    internal sealed class FailingEventStore : IEventStore
    {
        private readonly ConcurrentDictionary<string, Exception> _failures = new(StringComparer.Ordinal);

        /// <summary>A fresh event id whose reads throw <paramref name="failure"/>.</summary>
        public string Failing(Exception failure)
        {
            var eventId = "refused-" + Guid.NewGuid().ToString("N")[..12];
            _failures[eventId] = failure;
            return eventId;
        }

        public Task<EventDefinition?> GetAsync(string eventId, CancellationToken cancellationToken) =>
            _failures.TryGetValue(eventId, out var failure) ? throw failure : Task.FromResult<EventDefinition?>(null);

        public Task<bool> TryAddAsync(EventDefinition definition, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> ReplaceAsync(EventDefinition definition, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<IReadOnlyList<EventDefinition>> ListAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EventDefinition>>([]);

        public Task<bool> DeleteAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    /// <summary>Every log entry at Error or above, whoever wrote it: <c>category: message</c>, then its exception.</summary>
    internal sealed class ErrorLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _errors = new();

        public IReadOnlyCollection<string> Errors => _errors;

        public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Category(ErrorLog log, string name) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    log._errors.Enqueue($"{name}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
