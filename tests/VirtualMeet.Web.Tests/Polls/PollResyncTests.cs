using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.SignalR.Redis;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Polls;

/// <summary>
/// Two nodes on one Redis; the first reaches it through a relay that a test cuts, so that node loses the pushes of the
/// outage while its pages' own connections stay up.
/// </summary>
public sealed class CutOffClusterFixture : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public TcpRelay Relay { get; private set; } = null!;

    /// <summary>The node whose path to Redis the relay cuts.</summary>
    public VirtualMeetNode CutOff { get; private set; } = null!;

    public VirtualMeetNode Healthy { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Relay = TcpRelay.Start(_redis.Port);
        CutOff = await VirtualMeetNode.StartWithRedisAsync(_redis, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionStringThrough(Relay),
        });
        Healthy = await VirtualMeetNode.StartWithRedisAsync(_redis);
    }

    public async ValueTask DisposeAsync()
    {
        await CutOff.DisposeAsync();
        await Healthy.DisposeAsync();
        await Relay.DisposeAsync();
        await _redis.DisposeAsync();
    }
}

/// <summary>
/// The web client answers the server's <c>Resync</c>: a page whose node missed a result push while its connection
/// stayed up shows the store's counts once that node is back on Redis, without a reload.
/// </summary>
public sealed class PollResyncTests(WebServerFixture server, ChromiumFixture chromium, CutOffClusterFixture cluster)
    : BrowserTest(server, chromium), IClassFixture<CutOffClusterFixture>
{
    private const string Question = "Which topic matters most after the outage?";

    [Fact]
    public async Task APageWhoseNodeLostAResultPushShowsTheStoresCountsAfterTheNodeRecovers()
    {
        var testEvent = await WebTestEvent.CreateAsync(cluster.Healthy);
        await OpenPollAsync(cluster.Healthy, testEvent.Id);
        var anna = await OpenPollsAsync(cluster.CutOff, testEvent.Id, "Anna Becker");
        var ben = await OpenPollsAsync(cluster.Healthy, testEvent.Id, "Ben Kraus");

        var connection = cluster.CutOff.Services.GetRequiredService<RedisConnection>();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionFailed += (_, _) => failed.TrySetResult();
        cluster.Relay.Cut();
        try
        {
            await failed.Task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
            var poll = Poll(ben);
            await poll.GetByLabel("Energy", new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
            await poll.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Vote", Exact = true }).ClickAsync();
            // Pushed by now, to every node's subscribers: the cut-off node never receives it.
            await Assertions.Expect(poll).ToContainTextAsync("1 participant voted");
        }
        finally
        {
            cluster.Relay.Restore();
        }

        // Reconnect, a probe that proves the subscriptions, Resync, then up to 2 s of jitter before the page watches again.
        await Assertions.Expect(Poll(anna)).ToContainTextAsync("1 participant voted", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Screenshots.SaveAsync(anna, "polls-after-resync");
    }

    private static async Task OpenPollAsync(VirtualMeetNode node, string eventId)
    {
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(node));
        var ct = TestContext.Current.CancellationToken;
        using var created = await client.PostAsJsonAsync($"/api/events/{eventId}/polls", new
        {
            question = new { de = Question, en = Question },
            kind = "single",
            options = new[] { new { de = "Energie", en = "Energy" }, new { de = "Fachkräfte", en = "Skilled workers" } },
        }, ct);
        created.EnsureSuccessStatusCode();
        var pollId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("poll").GetProperty("id").GetString();
        using var opened = await client.PostAsync(new Uri($"/api/events/{eventId}/polls/{pollId}/open", UriKind.Relative), null, ct);
        opened.EnsureSuccessStatusCode();
    }

    private async Task<IPage> OpenPollsAsync(VirtualMeetNode node, string eventId, string name)
    {
        var page = await SignedInPages.NewAttendeeAsync(Browser, node, eventId, name);
        await page.GotoAsync("/#/polls");
        await Assertions.Expect(Poll(page)).ToContainTextAsync("0 participants voted");
        return page;
    }

    private static ILocator Poll(IPage page) =>
        page.GetByRole(AriaRole.Article, new PageGetByRoleOptions { Name = Question, Exact = true });
}
