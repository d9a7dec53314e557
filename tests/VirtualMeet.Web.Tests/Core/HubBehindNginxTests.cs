using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Core;

/// <summary>
/// The web client served through the shipped nginx configuration in front of two nodes on one Redis. <c>core/hub.js</c>
/// negotiates (so that long polling stays a fallback where a proxy blocks WebSockets); the connection token of the
/// answer exists only on the node that gave it, and nginx keeps <c>/hubs/</c> of one client address on one node
/// (<c>hash $remote_addr consistent</c>). Every hub start must then succeed the first time: one negotiate, one
/// WebSocket, no 404 from the other node and no retry.
/// </summary>
public sealed partial class HubBehindNginxTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    private const int PagesThroughNginx = 4;

    [Fact]
    public async Task StagePagesThroughNginxStartTheirHubsFirstTimeAndChatWithPagesOnEitherNode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await Cluster.StartAsync(2, Backplane.Redis, cancellationToken: cancellationToken);
        await using var nginx = await NginxFront.StartAsync(cluster.Nodes.Select(n => n.BaseAddress), cancellationToken);
        var testEvent = await WebTestEvent.CreateAsync(cluster.Nodes[0]);

        var hubErrors = new ConcurrentQueue<string>();
        var throughNginx = new List<IPage>();
        for (var i = 0; i < PagesThroughNginx; i++)
        {
            var page = await SignedInPages.NewAttendeeAsync(Browser, nginx.BaseAddress, testEvent.Id, $"Guest {i + 1}");
            // SignalR's client logs a failed start or transport as a console error.
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                    hubErrors.Enqueue($"page {throughNginx.Count}: {message.Text}");
            };
            await OpenStageAsync(page);
            throughNginx.Add(page);
        }

        // One page straight on each node: whichever node nginx chose for the pages above, one of these lines crosses
        // the Redis backplane to reach them.
        var onNodes = new List<IPage>();
        foreach (var node in cluster.Nodes)
        {
            var page = await SignedInPages.NewAttendeeAsync(Browser, node.BaseAddress, testEvent.Id, $"Direct {onNodes.Count + 1}");
            await OpenStageAsync(page);
            onNodes.Add(page);
        }

        for (var i = 0; i < onNodes.Count; i++)
        {
            await onNodes[i].GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync($"Hello from node {i + 1}");
            await onNodes[i].GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        }

        foreach (var page in throughNginx)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("Hello from node 1");
            await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("Hello from node 2");
            await Assertions.Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-state", "connected");
        }

        await Screenshots.SaveAsync(throughNginx[0], "stage-through-nginx");
        Assert.Empty(hubErrors);

        // nginx logs a WebSocket when it ends: close the pages, then every negotiate through nginx has exactly one
        // WebSocket that was switched (101), and no hub request was refused.
        foreach (var page in throughNginx)
            await page.Context.CloseAsync();
        var log = await Eventually.UntilAsync(
            async () => await File.ReadAllTextAsync(nginx.AccessLog, cancellationToken),
            text => Negotiated().Count(text) > 0 && Negotiated().Count(text) == Switched().Count(text),
            TestTimeouts.Recovery,
            "a 101 line in nginx's access log for every negotiate");
        Assert.True(Negotiated().Count(log) >= PagesThroughNginx, log);
        Assert.DoesNotMatch(RefusedHubRequest(), log);
    }

    private static async Task OpenStageAsync(IPage page)
    {
        await page.GotoAsync($"/#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Questions", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-state", "connected");
    }

    [GeneratedRegex("\"POST /hubs/[a-z]+/negotiate HTTP/1.1\" 200 ")]
    private static partial Regex Negotiated();

    [GeneratedRegex("\"GET /hubs/[a-z]+ HTTP/1.1\" 101 ")]
    private static partial Regex Switched();

    [GeneratedRegex("\"[A-Z]+ /hubs/[^ ]* HTTP/1.1\" [45][0-9][0-9] ")]
    private static partial Regex RefusedHubRequest();
}
