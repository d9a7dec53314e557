using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Server.Tests.Platform.Refusals;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Each failed hub call is logged once: a refusal at Information with its code and no stack trace, a real failure at
/// Error with its stack trace. Before, SignalR's dispatcher logged every refused call at Error with a stack trace
/// (issue 15: 1,500 refused <c>Watch</c> calls wrote 26.6 MB). Measured on a real node with the shipped log levels.
/// </summary>
public sealed class HubFailureLoggingTests(HubFailureLoggingTests.LoggedNode fixture) : IClassFixture<HubFailureLoggingTests.LoggedNode>
{
    private const int RefusedCalls = 300;
    private const int MaxBytesPerRefusal = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARefusedCallIsLoggedOnceAtInformationWithItsCodeAndNoStackTrace()
    {
        var marker = "Not now " + Guid.NewGuid().ToString("N");
        var eventId = fixture.Events.Failing(Refusal.Conflict(marker));
        await using var connection = await fixture.ConnectToPollsAsync();

        await HubAssert.FailsWithAsync(ErrorCodes.Conflict, () => WatchAsync(connection, eventId));

        var entry = Assert.Single(EntriesMentioning(marker));
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains($"{ErrorCodes.Conflict}: {marker}", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedCallsLogFewerThanFiveHundredBytesEach()
    {
        var eventId = fixture.Events.Failing(Refusal.NotFound("Event 'x' does not exist."));
        await using var connection = await fixture.ConnectToPollsAsync();
        var before = fixture.Logs.Entries.Count;

        for (var i = 0; i < RefusedCalls; i++)
            await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => WatchAsync(connection, eventId));
        var entries = fixture.Logs.Entries.Skip(before).ToList();

        var bytes = entries.Sum(e => e.Bytes);
        TestContext.Current.TestOutputHelper?.WriteLine($"{RefusedCalls} refused calls logged {entries.Count} entries, {bytes} bytes ({bytes / RefusedCalls} per call).");
        Assert.True(bytes < RefusedCalls * MaxBytesPerRefusal, $"{RefusedCalls} refusals logged {bytes} bytes in {entries.Count} entries.");
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
        Assert.Equal(RefusedCalls, entries.Count(e => e.Message.Contains(ErrorCodes.NotFound + ":", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AFailureThatIsNoRefusalIsLoggedAtErrorWithItsStackTraceExactlyOnce()
    {
        var failure = new InvalidOperationException("Broken " + Guid.NewGuid().ToString("N"));
        var eventId = fixture.Events.Failing(failure);
        await using var connection = await fixture.ConnectToPollsAsync();

        await Assert.ThrowsAsync<HubException>(() => WatchAsync(connection, eventId).WaitAsync(TestTimeouts.Default, Ct));

        var entry = Assert.Single(EntriesMentioning(failure.Message));
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(failure, entry.Exception);
        Assert.Contains(nameof(IEventStore.GetAsync), entry.Text, StringComparison.Ordinal);
        Assert.Contains(" at ", entry.Text, StringComparison.Ordinal);
    }

    private static Task<PollWatchSnapshot> WatchAsync(HubConnection connection, string eventId) =>
        connection.InvokeAsync<PollWatchSnapshot>(PollsHubMethods.Watch, eventId, null, Ct);

    // Both the dispatcher and our filters log before the error is sent, so an answered call has been logged.
    private List<LogCapture.Entry> EntriesMentioning(string text) =>
        fixture.Logs.Entries.Where(e => e.Text.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>A node whose event store fails as a test asks, with every log entry captured.</summary>
    public sealed class LoggedNode : IAsyncLifetime
    {
        private VirtualMeetNode? _node;
        private string? _organizerToken;

        internal RefusalTests.FailingEventStore Events { get; } = new();

        public LogCapture Logs { get; } = new();

        public async ValueTask InitializeAsync()
        {
            // The shipped levels (appsettings.json), not the tests' Warning.
            var levels = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            };
            _node = await VirtualMeetNode.StartAsync(levels, services =>
            {
                services.AddSingleton<IEventStore>(Events);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
            _organizerToken = await TestTokens.OrganizerAsync(_node);
        }

        public Task<HubConnection> ConnectToPollsAsync() => _node!.ConnectAsync(HubRoutes.Polls, _organizerToken);

        public async ValueTask DisposeAsync()
        {
            if (_node is not null)
                await _node.DisposeAsync();
        }
    }
}
