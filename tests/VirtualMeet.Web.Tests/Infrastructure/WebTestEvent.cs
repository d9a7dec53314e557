using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// A private copy of the demo event "Virtuelles Clustertreffen 2020" imported for one test: a unique id, and every
/// session moved by the same amount so that the event runs around now (one chosen session started five minutes
/// ago). It has a keynote, three capacity-limited breakouts (one in English), a networking session (the bars'
/// and matchmaking's window) and five bars of four six-seat tables.
/// </summary>
public sealed record WebTestEvent(EventDefinition Definition)
{
    public const string WelcomeId = "begruessung";
    public const string KeynoteId = "keynote";
    public const string BreakoutId = "breakout-oeffentlichkeitsarbeit";
    public const string EnglishBreakoutId = "breakout-recovery";
    public const string SecondBreakoutId = "breakout-personalsteuerung";
    public const string NetworkingId = "vernetz-bar";
    public const string BarId = "bar-foerderung";
    public const string TableId = "tisch-1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long before now <c>runningSessionId</c> started.</summary>
    public static readonly TimeSpan RunningFor = TimeSpan.FromMinutes(5);

    public string Id => Definition.Id;

    public SessionDefinition Session(string sessionId) => Definition.Sessions.Single(s => s.Id == sessionId);

    /// <summary>
    /// Imports the copy through the REST API as the organiser. <paramref name="runningSessionId"/> is live now (the
    /// keynote by default; a breakout for breakout tests, <see cref="NetworkingId"/> for bars and matchmaking);
    /// <paramref name="customize"/> changes the definition before the import (e.g. a breakout of capacity 1).
    /// </summary>
    public static async Task<WebTestEvent> CreateAsync(
        VirtualMeetNode node,
        string runningSessionId = KeynoteId,
        Func<EventDefinition, EventDefinition>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var demo = JsonSerializer.Deserialize<EventDefinition>(
            await File.ReadAllTextAsync(DemoFile, TestContext.Current.CancellationToken), Json)
            ?? throw new InvalidOperationException($"'{DemoFile}' holds no event.");

        var running = demo.Sessions.SingleOrDefault(s => s.Id == runningSessionId)
            ?? throw new ArgumentException($"The demo event has no session '{runningSessionId}'.", nameof(runningSessionId));
        // The node's clock, so a node started with a manual TimeProvider sees the event live too.
        var now = (node.Services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var shift = now - RunningFor - running.StartsAt;
        var definition = demo with
        {
            Id = $"web-{Guid.NewGuid():N}",
            Sessions = [.. demo.Sessions.Select(s => s with { StartsAt = s.StartsAt + shift, EndsAt = s.EndsAt + shift })],
        };
        definition = customize?.Invoke(definition) ?? definition;

        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestTokens.OrganizerAsync(node));
        using var response = await client.PostAsJsonAsync("/api/events", definition, Json, TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Importing the test event failed with HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        return new WebTestEvent(definition);
    }

    /// <summary>The same definition with <paramref name="sessionId"/> limited to <paramref name="capacity"/> seats.</summary>
    public static EventDefinition WithCapacity(EventDefinition definition, string sessionId, int capacity)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with
        {
            Sessions = [.. definition.Sessions.Select(s => s.Id == sessionId ? s with { Capacity = capacity, RegistrationRequired = true } : s)],
        };
    }

    private static string DemoFile => RepositoryPaths.File("src", "VirtualMeet.Server", "Features", "Events", "DemoData", "clustertreffen-2020.json");
}
