using System.Net;
using System.Net.Http.Json;
using VirtualMeet.Contracts;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// The shipped nginx budgets per client address, set small through the template's settings: everything within a
/// budget passes, the next open hub connection or request beyond the burst is answered 429 by nginx itself (its
/// HTML error page, not a node's problem JSON).
/// </summary>
[Collection(LocalTopologies.Name)]
public sealed class NginxLimitsTests
{
    private const int HubConnections = 3;
    private const int SignInBurst = 2;
    private const int ApiBurst = 4;

    // One request a minute refills nothing within a test: each budget is exactly its burst plus one.
    private static readonly Dictionary<string, string> SmallBudgets = new()
    {
        ["NGINX_HUB_CONNECTIONS"] = HubConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NGINX_SIGN_IN_RATE"] = "1r/m",
        ["NGINX_SIGN_IN_BURST"] = SignInBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NGINX_API_RATE"] = "1r/m",
        ["NGINX_API_BURST"] = ApiBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task AnAddressGetsItsHubConnectionsAndSignInsAndRequestsThenNginxAnswers429()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var topology = await LocalTopology.UpAsync(cancellationToken, SmallBudgets);
        using var http = new HttpClient { BaseAddress = topology.NginxUrl, Timeout = TestTimeouts.Default };

        // Sign-in and sign-up share the stricter budget: the token below is its first request.
        var token = await topology.OrganizerTokenAsync(cancellationToken);
        for (var i = 0; i < SignInBurst; i++)
        {
            using var within = await http.PostAsJsonAsync("/api/auth/organizer", new { key = VirtualMeetNode.TestOrganizerKey }, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        }

        using (var signUp = await http.PostAsJsonAsync("/api/events/clustertreffen-2020/registrations", new { displayName = "Flood" }, cancellationToken))
        {
            await AssertRefusedByNginxAsync(signUp);
        }

        // The rest of the API has its own budget, untouched by the sign-ins above.
        for (var i = 0; i <= ApiBurst; i++)
        {
            using var within = await http.GetAsync("/api/events", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        }

        using (var beyond = await http.GetAsync("/api/events", cancellationToken))
        {
            await AssertRefusedByNginxAsync(beyond);
        }

        // Health and the web client are outside both budgets.
        using (var ready = await http.GetAsync("/health/ready", cancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // Open hub connections: each WebSocket holds one for its life.
        var query = "access_token=" + Uri.EscapeDataString(token);
        var open = new List<HubWebSocket>();
        try
        {
            for (var i = 0; i < HubConnections; i++)
            {
                open.Add(await HubWebSocket.OpenAsync(topology.NginxUrl, HubRoutes.Diagnostics, query, cancellationToken));
            }

            var refused = await Assert.ThrowsAsync<HubWebSocket.RefusedException>(
                () => HubWebSocket.OpenAsync(topology.NginxUrl, HubRoutes.Diagnostics, query, cancellationToken));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);

            // Closing one frees its place.
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            open.Add(await Eventually.UntilAsync(
                () => HubWebSocket.OpenAsync(topology.NginxUrl, HubRoutes.Diagnostics, query, cancellationToken),
                _ => true,
                because: "a hub connection once another one closed"));
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task AssertRefusedByNginxAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nginx", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
