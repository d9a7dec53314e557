using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Realtime;

/// <summary>
/// Hub connections per attendee and per address on one node are bounded; a refused connection closes with
/// <c>rate_limited</c>, and a closed one gives its place back. New connections per attendee are budgeted too (rule
/// <c>connects</c>), so a client cannot stall a node by reconnecting again and again.
/// </summary>
public sealed class ConnectionBudgetTests
{
    private const string EventId = "budget-event";

    [Fact]
    public async Task AnAttendeeBeyondTheLimitIsRefusedAndAClosedConnectionGivesItsPlaceBack()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Realtime:MaxConnectionsPerAttendee"] = "3" });
        var anna = Token(node, "anna");
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
                open.Add(await node.ConnectAsync(HubRoutes.Notifications, anna));

            Assert.Equal(ErrorCodes.RateLimited, await RefusedCodeAsync(node, anna));
            Assert.Equal(3, node.GetRequiredService<ConnectionBudgets>().ConnectionsOf("anna"));

            // Someone else is not affected by Anna's connections.
            await using (await node.ConnectAsync(HubRoutes.Notifications, Token(node, "ben")))
            {
            }

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await Eventually.UntilAsync(() => Task.FromResult(node.GetRequiredService<ConnectionBudgets>().ConnectionsOf("anna")), n => n == 2,
                because: "a closed connection gives its place back");
            open.Add(await node.ConnectAsync(HubRoutes.Notifications, anna));
            Assert.Equal(HubConnectionState.Connected, open[^1].State);
        }
        finally
        {
            foreach (var connection in open)
                await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnAddressBeyondTheLimitIsRefusedWhateverTheAttendee()
    {
        await using var node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Realtime:MaxConnectionsPerAddress"] = "2" });
        await using var first = await node.ConnectAsync(HubRoutes.Notifications, Token(node, "anna"));
        await using var second = await node.ConnectAsync(HubRoutes.Notifications, Token(node, "ben"));

        Assert.Equal(ErrorCodes.RateLimited, await RefusedCodeAsync(node, Token(node, "carla")));
    }

    [Fact]
    public async Task NewConnectionsBeyondTheBudgetAreRefusedUntilTheWindowHasPassed()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await VirtualMeetNode.StartAsync(
            new Dictionary<string, string?>
            {
                ["RateLimits:Rules:connects:PermitLimit"] = "3",
                ["RateLimits:Rules:connects:WindowSeconds"] = "60",
            },
            services => services.AddSingleton<TimeProvider>(time));
        var anna = Token(node, "anna");
        // Connect and close again: the budget counts new connections, not open ones.
        for (var i = 0; i < 3; i++)
            await (await node.ConnectAsync(HubRoutes.Notifications, anna)).DisposeAsync();

        var (code, detail) = await RefusedAsync(node, anna);

        Assert.Equal(ErrorCodes.RateLimited, code);
        Assert.Contains("Retry after 60.0 s", detail, StringComparison.Ordinal);
        Assert.Equal(0, node.GetRequiredService<ConnectionBudgets>().ConnectionsOf("anna"));
        await using (await node.ConnectAsync(HubRoutes.Notifications, Token(node, "ben")))
        {
            // Someone else's budget is their own.
        }

        time.Advance(TimeSpan.FromSeconds(60));
        await using var again = await node.ConnectAsync(HubRoutes.Notifications, anna);
        Assert.Equal(HubConnectionState.Connected, again.State);
    }

    private static string Token(VirtualMeetNode node, string attendeeId) =>
        node.GetRequiredService<TokenIssuer>().IssueAttendee(EventId, attendeeId, "de").AccessToken;

    /// <summary>The code of the error the server closes a refused connection with.</summary>
    private static async Task<string> RefusedCodeAsync(VirtualMeetNode node, string token) => (await RefusedAsync(node, token)).Code;

    /// <summary>The code and detail of the error the server closes a refused connection with.</summary>
    private static async Task<(string Code, string Detail)> RefusedAsync(VirtualMeetNode node, string token)
    {
        var connection = TestHubConnection.Create(node.HubUrl(HubRoutes.Notifications), token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        try
        {
            // The handshake succeeds; the server then closes the connection with its reason, during or after start.
            try
            {
                await connection.StartAsync().WaitAsync(TestTimeouts.Default);
            }
            catch (Exception e)
            {
                closed.TrySetResult(e);
            }

            var error = await closed.Task.WaitAsync(TestTimeouts.Default);
            Assert.True(HubErrorMessage.TryParse(error?.Message, out var code, out var detail), $"uncoded close: {error?.Message}");
            return (code, detail);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
