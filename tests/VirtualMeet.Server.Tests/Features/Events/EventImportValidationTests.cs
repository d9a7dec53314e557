using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Events;

/// <summary>Every rule of an event definition answers 400 with code invalid_argument and the JSON path at fault.</summary>
public sealed class EventImportValidationTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private readonly HttpClient _client = fixture.CreateClient();

    public static TheoryData<string, string, string> Cases => new()
    {
        { "invalid event id", "id", "invalid" },
        { "missing title", "title", "required" },
        { "unknown time zone", "timeZone", "unknown" },
        { "no languages", "languages", "At least one" },
        { "unsupported language", "languages[1]", "not supported" },
        { "language twice", "languages[1]", "twice" },
        { "no sessions", "sessions", "At least one" },
        { "duplicate session id", "sessions[1].id", "Duplicate session id" },
        { "invalid session id", "sessions[0].id", "invalid" },
        { "session without title", "sessions[0].title", "title" },
        { "session language not offered", "sessions[2].language", "not one of the event's languages" },
        { "end before start", "sessions[0].endsAt", "before" },
        { "end equals start", "sessions[0].endsAt", "before or when" },
        { "capacity below zero", "sessions[1].capacity", "below zero" },
        { "registration without capacity", "sessions[1].capacity", "needs a capacity" },
        { "unknown speaker", "sessions[0].speakerIds[0]", "Unknown speaker 'ghost'" },
        { "unknown moderator", "sessions[0].moderatorIds[0]", "Unknown moderator 'ghost'" },
        { "speaker twice", "sessions[0].speakerIds[1]", "twice" },
        { "unknown parent session", "sessions[1].parentSessionId", "Unknown parent session" },
        { "own parent", "sessions[1].parentSessionId", "own parent" },
        { "duplicate person id", "people[1].id", "Duplicate person id" },
        { "person without name", "people[0].name", "required" },
        { "duplicate bar id", "bars[1].id", "Duplicate bar id" },
        { "bar without name", "bars[0].name", "name" },
        { "bar without tables", "bars[0].tables", "at least one table" },
        { "duplicate table id", "bars[0].tables[1].id", "Duplicate table id" },
        { "table without seats", "bars[0].tables[0].seats", "at least one seat" },
        { "negative expected participants", "expectedParticipants", "below zero" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnInvalidDefinitionIsRejectedWithThePathAndReason(string rule, string path, string reason)
    {
        var definition = Break(TestEvents.Create(), rule);

        using var response = await _client.SendAsync(HttpMethod.Post, "/api/events", await _client.OrganizerTokenAsync(), definition);

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.True(errors.ContainsKey(path), $"No error at '{path}'; got: {string.Join(", ", errors.Keys)}");
        Assert.Contains(errors[path], message => message.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("""{"id":"x","title":"t","timeZone":"Europe/Berlin","languages":["de"],"sessions":[{"id":"s","kind":"workshop","title":{"de":"T"},"language":"de","startsAt":"2026-01-01T10:00:00Z","endsAt":"2026-01-01T11:00:00Z"}]}""", "sessions[0].kind")]
    [InlineData("""{"id":"x","title":"t","timeZone":"Europe/Berlin","languages":["de"],"sessions":[{"id":"s","title":{"de":"T"},"language":"de","startsAt":"2026-01-01T10:00:00Z","endsAt":"2026-01-01T11:00:00Z"}]}""", "sessions[0]")]
    [InlineData("""{"id":"x","title":"t","timeZone":"Europe/Berlin","languages":["de"],"sessions":[{"id":"s","kind":"panel","title":{"de":"T"},"language":"de","startsAt":"tomorrow","endsAt":"2026-01-01T11:00:00Z"}]}""", "sessions[0].startsAt")]
    [InlineData("""{"id":"x","title":"t",""", "body")]
    [InlineData("""{"id":null,"title":"t","timeZone":"Europe/Berlin","languages":["de"],"sessions":[]}""", "id")]
    public async Task AMalformedDocumentIsRejectedWithTheJsonPath(string json, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _client.OrganizerTokenAsync());
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.True(errors.Keys.Any(k => k.StartsWith(path, StringComparison.Ordinal)), $"No error at '{path}'; got: {string.Join(", ", errors.Keys)}");
    }

    [Fact]
    public async Task ADocumentThatIsNotJsonIsAnUnsupportedMediaType()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent("id=x", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _client.OrganizerTokenAsync());
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task AllProblemsOfADocumentAreReportedAtOnce()
    {
        var definition = Break(Break(TestEvents.Create(), "missing title"), "capacity below zero");

        using var response = await _client.SendAsync(HttpMethod.Post, "/api/events", await _client.OrganizerTokenAsync(), definition);

        var errors = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Contains("title", errors.Keys);
        Assert.Contains("sessions[1].capacity", errors.Keys);
    }

    private static EventDefinition Break(EventDefinition d, string rule)
    {
        var s = d.Sessions.ToList();
        var people = d.People!.ToList();
        var bars = d.Bars!.ToList();
        var table = bars[0].Tables[0];
        return rule switch
        {
            "invalid event id" => d with { Id = "Not Valid!" },
            "missing title" => d with { Title = " " },
            "unknown time zone" => d with { TimeZone = "Mars/Olympus" },
            "no languages" => d with { Languages = [] },
            "unsupported language" => d with { Languages = ["de", "fr"] },
            "language twice" => d with { Languages = ["de", "de"] },
            "no sessions" => d with { Sessions = [] },
            "duplicate session id" => d with { Sessions = [s[0], s[1] with { Id = s[0].Id }, s[2]] },
            "invalid session id" => d with { Sessions = [s[0] with { Id = "a:b" }, s[1], s[2]] },
            "session without title" => d with { Sessions = [s[0] with { Title = new LocalizedText() }, s[1], s[2]] },
            "session language not offered" => d with { Languages = ["de"] },
            "end before start" => d with { Sessions = [s[0] with { EndsAt = s[0].StartsAt.AddMinutes(-1) }, s[1], s[2]] },
            "end equals start" => d with { Sessions = [s[0] with { EndsAt = s[0].StartsAt }, s[1], s[2]] },
            "capacity below zero" => d with { Sessions = [s[0], s[1] with { Capacity = -1 }, s[2]] },
            "registration without capacity" => d with { Sessions = [s[0], s[1] with { Capacity = null }, s[2]] },
            "unknown speaker" => d with { Sessions = [s[0] with { SpeakerIds = ["ghost"] }, s[1], s[2]] },
            "unknown moderator" => d with { Sessions = [s[0] with { ModeratorIds = ["ghost"] }, s[1], s[2]] },
            "speaker twice" => d with { Sessions = [s[0] with { SpeakerIds = ["speaker", "speaker"] }, s[1], s[2]] },
            "unknown parent session" => d with { Sessions = [s[0], s[1] with { ParentSessionId = "ghost" }, s[2]] },
            "own parent" => d with { Sessions = [s[0], s[1] with { ParentSessionId = s[1].Id }, s[2]] },
            "duplicate person id" => d with { People = [people[0], people[1] with { Id = people[0].Id }] },
            "person without name" => d with { People = [people[0] with { Name = "" }, people[1]] },
            "duplicate bar id" => d with { Bars = [bars[0], bars[0]] },
            "bar without name" => d with { Bars = [bars[0] with { Name = new LocalizedText(" ", null) }] },
            "bar without tables" => d with { Bars = [bars[0] with { Tables = [] }] },
            "duplicate table id" => d with { Bars = [bars[0] with { Tables = [table, table with { Name = "Zwei" }] }] },
            "table without seats" => d with { Bars = [bars[0] with { Tables = [table with { Seats = 0 }] }] },
            "negative expected participants" => d with { ExpectedParticipants = -5 },
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
    }
}
