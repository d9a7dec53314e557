using System.Net;
using System.Net.Http.Json;
using VirtualMeet.Contracts;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// Browsers carry the access token in the query string of hub requests (<c>?access_token=</c>): the shipped nginx
/// configuration must log the request without it. Read from the access log of a running topology.
/// </summary>
[Collection(LocalTopologies.Name)]
public sealed class NginxAccessLogTests
{
    [Fact]
    public async Task TheAccessLogRecordsHubRequestsWithoutTheirAccessToken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var topology = await LocalTopology.UpAsync(cancellationToken);
        var token = await topology.OrganizerTokenAsync(cancellationToken);
        var query = "access_token=" + Uri.EscapeDataString(token);

        // A browser's start: negotiate, then the WebSocket with the connection token it was given.
        using var http = new HttpClient { BaseAddress = topology.NginxUrl, Timeout = TestTimeouts.Default };
        using var negotiate = await http.PostAsync($"{HubRoutes.Diagnostics}/negotiate?negotiateVersion=1&{query}", null, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        var connectionToken = (await negotiate.Content.ReadFromJsonAsync<NegotiateAnswer>(cancellationToken))!.ConnectionToken;
        await using (await HubWebSocket.OpenAsync(topology.NginxUrl, HubRoutes.Diagnostics, $"id={connectionToken}&{query}", cancellationToken))
        {
        }

        // nginx writes a WebSocket's line when the connection ends: wait for it.
        var log = await Eventually.UntilAsync(
            async () => File.Exists(topology.NginxAccessLog) ? await File.ReadAllTextAsync(topology.NginxAccessLog, cancellationToken) : "",
            text => text.Contains($"\"GET {HubRoutes.Diagnostics}", StringComparison.Ordinal) && text.Contains(" 101 ", StringComparison.Ordinal),
            because: "the WebSocket's line in nginx's access log");

        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.Contains($"\"GET {HubRoutes.Diagnostics} HTTP/1.1\" 101 ", log, StringComparison.Ordinal);
        Assert.Contains($"\"POST {HubRoutes.Diagnostics}/negotiate HTTP/1.1\" 200 ", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], log, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", log, StringComparison.Ordinal);
        Assert.DoesNotContain(connectionToken, log, StringComparison.Ordinal);
    }

    private sealed record NegotiateAnswer(string ConnectionToken);
}
