using System.Net;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Events;

public sealed class EventsApiTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task AnOrganizerImportsAnEventThatEveryoneCanList()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());

        using var response = await _client.SendAsync(HttpMethod.Get, "/api/events", token: null);
        var events = await response.ReadAsync<List<EventSummary>>();
        var summary = Assert.Single(events, e => e.Id == definition.Id);
        Assert.Equal(3, summary.SessionCount);
        Assert.Equal(TestEvents.Start, summary.StartsAt);
        Assert.Equal(TestEvents.Start.AddHours(3), summary.EndsAt);
    }

    [Fact]
    public async Task TheAgendaIsInTheRequestedLanguageFallingBackToTheOther()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());

        using var english = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}?lang=en", token: null);
        var view = await english.ReadAsync<EventView>();
        Assert.Equal("en", view.ContentLanguage);
        Assert.Equal(["Opening", "Werkstatt", "Open room"], view.Sessions.Select(s => s.Title));
        Assert.Equal("Begrüßung", view.Sessions[0].Description);
        Assert.Equal("Erika Muster", Assert.Single(view.Sessions[0].Speakers).Name);
        Assert.Equal("Max Moderator", Assert.Single(view.Sessions[0].Moderators).Name);
        Assert.Equal("Bar one", Assert.Single(view.Bars).Name);
        Assert.Equal(6, Assert.Single(view.Bars[0].Tables).Seats);

        using var german = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}?lang=de", token: null);
        Assert.Equal(["Eröffnung", "Werkstatt", "Open room"], (await german.ReadAsync<EventView>()).Sessions.Select(s => s.Title));
    }

    [Fact]
    public async Task TheAcceptLanguageHeaderAndTheAttendeesLanguageChooseTheTexts()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{definition.Id}");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        using var byHeader = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("en", (await byHeader.ReadAsync<EventView>()).ContentLanguage);

        var attendee = await _client.RegisterAsync(definition.Id, language: "en");
        using var byToken = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", attendee.AccessToken);
        Assert.Equal("en", (await byToken.ReadAsync<EventView>()).ContentLanguage);

        using var byDefault = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", token: null);
        Assert.Equal("de", (await byDefault.ReadAsync<EventView>()).ContentLanguage);
    }

    [Fact]
    public async Task AnUnknownEventIsNotFound()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "/api/events/does-not-exist", token: null);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task ExportReturnsTheImportedDocument()
    {
        var definition = TestEvents.Create();
        var organizer = await _client.OrganizerTokenAsync();
        await _client.ImportAsync(definition, organizer);

        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/export", organizer);
        var exported = await response.ReadAsync<EventDefinition>();
        Assert.Equal(definition.Id, exported.Id);
        Assert.Equal(definition.Sessions, exported.Sessions, SessionEquality);
        Assert.Equal(definition.People, exported.People);
        Assert.Equal(definition.Bars![0].Tables, exported.Bars![0].Tables);

        // The export re-imports as it is once the original is gone.
        using var purge = await _client.SendAsync(HttpMethod.Delete, $"/api/events/{definition.Id}", organizer);
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        await _client.ImportAsync(exported, organizer);
    }

    [Fact]
    public async Task ExportOfAnUnknownEventIsNotFound()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "/api/events/nope/export", await _client.OrganizerTokenAsync());
        await response.AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task ImportingAnExistingIdIsAConflict()
    {
        var definition = TestEvents.Create();
        var organizer = await _client.OrganizerTokenAsync();
        await _client.ImportAsync(definition, organizer);

        using var response = await _client.SendAsync(HttpMethod.Post, "/api/events", organizer, definition);
        await response.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Theory]
    [InlineData("POST", "/api/events")]
    [InlineData("GET", "/api/events/{id}/export")]
    [InlineData("DELETE", "/api/events/{id}")]
    [InlineData("GET", "/api/events/{id}/sessions/workshop/roster")]
    [InlineData("POST", "/api/events/{id}/people/speaker/tokens")]
    public async Task OrganizerEndpointsRejectAnonymousCallersAndAttendees(string method, string path)
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        var attendee = await _client.RegisterAsync(definition.Id);
        path = path.Replace("{id}", definition.Id, StringComparison.Ordinal);
        object? body = method == "POST" && path == "/api/events" ? TestEvents.Create() : null;

        using var anonymous = await _client.SendAsync(new HttpMethod(method), path, token: null, body);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);

        using var asAttendee = await _client.SendAsync(new HttpMethod(method), path, attendee.AccessToken, body);
        await asAttendee.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var speaker = await _client.SpeakerTokenAsync(definition.Id, "speaker");
        using var asSpeaker = await _client.SendAsync(new HttpMethod(method), path, speaker, body);
        await asSpeaker.AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheEndpoints()
    {
        using var response = await _client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var document = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/events/{eventId}/sessions/{sessionId}/registrations", document, StringComparison.Ordinal);
        Assert.Contains("/api/auth/organizer", document, StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(document);
        var root = json.RootElement;
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("type").GetString());
        var paths = root.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/events/{eventId}/export").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/events").GetProperty("get").TryGetProperty("security", out _));
    }

    private static readonly IEqualityComparer<SessionDefinition> SessionEquality = EqualityComparer<SessionDefinition>.Create(
        (a, b) => a!.Id == b!.Id && a.Kind == b.Kind && a.Title == b.Title && a.StartsAt == b.StartsAt && a.EndsAt == b.EndsAt
            && a.Capacity == b.Capacity && a.RegistrationRequired == b.RegistrationRequired
            && (a.SpeakerIds ?? []).SequenceEqual(b.SpeakerIds ?? []) && (a.ModeratorIds ?? []).SequenceEqual(b.ModeratorIds ?? []),
        s => s.Id.GetHashCode(StringComparison.Ordinal));
}
