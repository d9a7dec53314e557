using System.Collections.Concurrent;
using System.Text;
using VirtualMeet.Contracts;
using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Core;

/// <summary>The hub protocol switch of <c>core/hub.js</c>: <c>?protocol=msgpack</c> in the page URL.</summary>
public sealed class HubProtocolTests(WebServerFixture server, ChromiumFixture chromium) : BrowserTest(server, chromium)
{
    [Fact]
    public async Task APageOpenedWithProtocolMsgpackChatsOverMessagePackWithAJsonPageAndRendersPushesAlike()
    {
        var testEvent = await CreateEventAsync();
        var anna = await NewAttendeeAsync(testEvent.Id, "Anna Becker");
        var frames = WebSocketFrames.Of(anna);
        await anna.GotoAsync($"/?protocol=msgpack#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(QuestionsHeading(anna)).ToBeVisibleAsync();
        var ben = await NewAttendeeAsync(testEvent.Id, "Ben Kraus");
        await ben.GotoAsync($"/#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(QuestionsHeading(ben)).ToBeVisibleAsync();

        const string line = "Grüße aus dem JSON-Browser";
        await ben.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync(line);
        await ben.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();

        await Assertions.Expect(anna.GetByRole(AriaRole.Log)).ToContainTextAsync(line);
        await Assertions.Expect(ben.GetByRole(AriaRole.Log)).ToContainTextAsync(line);
        // The handshake names the protocol, and the push arrived MessagePack-encoded: its target as a MessagePack
        // string (a one-byte header, 0xa0 + length, before the name), never as JSON text.
        Assert.True(MessagePackHandshakes(frames) > 0);
        Assert.DoesNotContain(frames.SentToStage, text => text.Contains("\"protocol\":\"json\"", StringComparison.Ordinal));
        // Frame events reach the test on their own path: wait for the one the page has already rendered.
        var push = (await Eventually.UntilAsync(
            () => Task.FromResult(frames.Received.FirstOrDefault(bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(line)) >= 0)),
            bytes => bytes is not null,
            because: "the frame of the chat push is recorded"))!;
        Assert.True(push.AsSpan().IndexOf([(byte)(0xa0 + "ChatReceived".Length), .. Encoding.UTF8.GetBytes("ChatReceived")]) >= 0);
        Assert.DoesNotContain("\"target\"", Encoding.UTF8.GetString(push), StringComparison.Ordinal);
        // Same data, same rendering: the line as shown (author, time, text) and the stage's times read alike.
        Assert.Equal(await ben.GetByRole(AriaRole.Log).InnerTextAsync(), await anna.GetByRole(AriaRole.Log).InnerTextAsync());
        Assert.Equal(await StageTimes(ben), await StageTimes(anna));

        // And the other way: what the MessagePack page sends reaches the JSON page.
        await anna.GetByLabel("Message", new PageGetByLabelOptions { Exact = true }).FillAsync("Antwort über MessagePack");
        await anna.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Log)).ToContainTextAsync("Antwort über MessagePack");
        await Screenshots.SaveAsync(anna, "stage-over-messagepack");

        // The choice is remembered: the stage opened again without the parameter still handshakes MessagePack.
        var handshakes = MessagePackHandshakes(frames);
        await anna.GotoAsync($"/#/stage/{WebTestEvent.KeynoteId}");
        await Assertions.Expect(QuestionsHeading(anna)).ToBeVisibleAsync();
        await Eventually.UntilAsync(() => Task.FromResult(MessagePackHandshakes(frames)), n => n > handshakes, because: "a new MessagePack handshake");
        Assert.DoesNotContain(frames.SentToStage, text => text.Contains("\"protocol\":\"json\"", StringComparison.Ordinal));
    }

    private static ILocator QuestionsHeading(IPage page) =>
        page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Questions", Exact = true });

    private static int MessagePackHandshakes(WebSocketFrames frames) =>
        frames.SentToStage.Count(text => text.Contains("\"protocol\":\"messagepack\"", StringComparison.Ordinal));

    private static Task<IReadOnlyList<string>> StageTimes(IPage page) => page.Locator("main time").AllInnerTextsAsync();

    /// <summary>
    /// What a page's WebSockets sent (as text) and received (as bytes), from before its next navigation on. The lobby the
    /// page came from may still be opening its own hub in JSON as the test navigates away, so the protocol of the page
    /// under test is read from its stage hub's socket alone.
    /// </summary>
    private sealed class WebSocketFrames
    {
        private readonly ConcurrentQueue<string> _sent = new();
        private readonly ConcurrentQueue<string> _sentToStage = new();
        private readonly ConcurrentQueue<byte[]> _received = new();

        public IReadOnlyCollection<string> Sent => _sent;

        public IReadOnlyCollection<string> SentToStage => _sentToStage;

        public IReadOnlyCollection<byte[]> Received => _received;

        public static WebSocketFrames Of(IPage page)
        {
            var frames = new WebSocketFrames();
            page.WebSocket += (_, socket) =>
            {
                var toStage = socket.Url.Contains(HubRoutes.Stage, StringComparison.Ordinal);
                socket.FrameSent += (_, frame) =>
                {
                    frames._sent.Enqueue(frame.Text ?? "");
                    if (toStage)
                    {
                        frames._sentToStage.Enqueue(frame.Text ?? "");
                    }
                };
                socket.FrameReceived += (_, frame) => frames._received.Enqueue(frame.Binary ?? []);
            };
            return frames;
        }
    }
}
