using System.Net.Http.Json;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using static VirtualMeet.Server.Tests.Infrastructure.StageTestClient;

namespace VirtualMeet.Server.Tests.Features.Stage;

/// <summary>Every moderator method against every kind of caller: only organizers and this session's moderators pass.</summary>
public sealed class StageAuthorizationTests(InMemoryNodeWithLongRateWindows fixture) : IClassFixture<InMemoryNodeWithLongRateWindows>
{
    public static TheoryData<string> ModeratorMethods => ["SetStage", "ModerateQuestion", "DeleteChat", "MuteChat"];

    [Theory]
    [MemberData(nameof(ModeratorMethods))]
    public async Task OnlyTheSessionsModeratorsMayCallIt(string method)
    {
        var stage = await WithNewEventAsync(fixture.Node);
        var (questionId, messageId) = await SeedAsync(stage);
        var refused = new Dictionary<string, string>
        {
            ["attendee"] = stage.AttendeeToken("plain"),
            ["speaker of the session"] = stage.PersonToken(Speaker, Roles.Speaker),
            ["moderator of another session"] = stage.PersonToken(PanelHost, Roles.Moderator),
            ["moderator role without being named for the session"] = stage.PersonToken("stranger", Roles.Moderator),
        };

        foreach (var (who, token) in refused)
        {
            await using var caller = await stage.ConnectAsync(token);
            var detail = await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => Invoke(caller, method, questionId, messageId));
            Assert.False(string.IsNullOrEmpty(detail), who);
        }

        // Nothing changed for the refused calls...
        await using var host = await stage.JoinAsync(stage.HostToken());
        Assert.Equal(0, host.State.Stage.Version);
        Assert.Equal(QuestionStatus.Approved, Assert.Single(host.State.Questions).Status);
        Assert.False(Assert.Single(host.State.Chat.Messages).Deleted);

        // ...and the session's moderator passes.
        await Invoke(host.Connection, method, questionId, messageId);
    }

    [Fact]
    public async Task ATokenOfAnotherEventFindsNoStageAndABreakoutIsNoStage()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        var other = await WithNewEventAsync(fixture.Node);
        await using var stranger = await other.ConnectAsync(other.HostToken());
        await using var attendee = await stage.ConnectAsync(stage.AttendeeToken("a"));

        // The other event has a keynote too, but the session ids only resolve in the caller's own event.
        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => stranger.Call<StageState>("JoinStage", "no-such-session"));
        await HubAssert.FailsWithAsync(ErrorCodes.InvalidArgument, () => attendee.Call<StageState>("JoinStage", Breakout));
        await HubAssert.FailsWithAsync(ErrorCodes.NotFound, () => attendee.Call<StageState>("JoinStage", "nowhere"));
    }

    [Fact]
    public async Task AnOrganizerTokenWithoutAnEventIsToldToUseAnEventToken()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        await using var organizer = await stage.ConnectAsync(stage.OrganizerToken());

        await HubAssert.FailsWithAsync(ErrorCodes.Forbidden, () => organizer.Call<StageState>("JoinStage", MainStage));
    }

    [Fact]
    public async Task AnOrganizerSignedInForTheEventModeratesTheStage()
    {
        var stage = await WithNewEventAsync(fixture.Node);
        using var http = stage.Node.CreateClient();
        using var signIn = await http.PostAsJsonAsync("/api/auth/organizer",
            new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey, stage.EventId), TestContext.Current.CancellationToken);
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<AccessTokenResponse>(TestContext.Current.CancellationToken))!.AccessToken;

        await using var organizer = await stage.JoinAsync(token);
        var live = await organizer.Connection.Call<StageView>("SetStage", MainStage, new StageUpdate(Status: StageStatus.Live));

        Assert.Equal(StageStatus.Live, live.Status);
    }

    private static async Task<(string QuestionId, string MessageId)> SeedAsync(StageTestClient stage)
    {
        await using var asker = await stage.ConnectAsync(stage.AttendeeToken("asker"));
        var question = await asker.Call<QuestionReceipt>("AskQuestion", MainStage, "What comes next?");
        var message = await asker.SendChat("hello");
        return (question.QuestionId, message.Id);
    }

    private static Task Invoke(Microsoft.AspNetCore.SignalR.Client.HubConnection connection, string method, string questionId, string messageId) => method switch
    {
        "SetStage" => connection.Call<StageView>(method, MainStage, new StageUpdate(Status: StageStatus.Live)),
        "ModerateQuestion" => connection.Call<QuestionView>(method, MainStage, questionId, QuestionAction.Hide),
        "DeleteChat" => connection.Call(method, MainStage, messageId),
        "MuteChat" => connection.Call<DateTimeOffset>(method, MainStage, "asker", 5),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
