using System.Text;
using System.Text.Json;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using static VirtualMeet.Server.Tests.Infrastructure.StageTestClient;

namespace VirtualMeet.Server.Tests.Platform.Identity;

/// <summary>
/// Tokens travel in URLs (browsers send them as <c>?access_token=</c> on hub requests), so they name no one: the
/// server reads a display name from the registration or the event's people when the caller connects.
/// </summary>
public sealed class TokenContentsTests(InMemoryNode fixture) : IClassFixture<InMemoryNode>
{
    private const string DisplayName = "Zoë Beispiel";

    [Fact]
    public async Task AnAttendeesTokenCarriesIdsAndRolesButNoName()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        using var http = fixture.CreateClient();

        var registration = await http.RegisterAsync(stage.EventId, DisplayName);

        var payload = PayloadOf(registration.AccessToken);
        // The JSON escapes "ë", so the plain part of the name is what would show.
        Assert.DoesNotContain("Beispiel", payload.GetRawText(), StringComparison.Ordinal);
        Assert.False(payload.TryGetProperty("name", out _));
        Assert.Equal(registration.AttendeeId, payload.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task TheServerShowsTheRegisteredNameThoughTheTokenCarriesNone()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        using var http = fixture.CreateClient();
        var registration = await http.RegisterAsync(stage.EventId, DisplayName);
        await using var asker = await stage.ConnectAsync(registration.AccessToken);

        await asker.Call<QuestionReceipt>("AskQuestion", MainStage, "Wer fängt an?");

        await using var viewer = await stage.JoinAsync(stage.AttendeeToken("viewer"));
        Assert.Equal(DisplayName, viewer.State.Questions.Single().AskerName);
    }

    [Fact]
    public async Task ASpeakersTokenCarriesNoNameAndTheServerShowsTheProgrammesName()
    {
        var stage = await WithNewEventAsync(fixture.Node);

        var payload = PayloadOf(stage.PersonToken(Speaker, VirtualMeet.Contracts.Identity.Roles.Speaker));
        Assert.False(payload.TryGetProperty("name", out _));

        await using var speaker = await stage.ConnectAsync(stage.PersonToken(Speaker, VirtualMeet.Contracts.Identity.Roles.Speaker));
        await speaker.Call<QuestionReceipt>("AskQuestion", MainStage, "Noch Fragen?");
        await using var viewer = await stage.JoinAsync(stage.AttendeeToken("viewer"));
        Assert.Equal("Erika Muster", viewer.State.Questions.Single().AskerName);
    }

    private static JsonElement PayloadOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }
}
