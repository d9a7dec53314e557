using System.Net;
using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Events;

/// <summary>On Redis a purge deletes by pattern: an id that globs is refused before anything reaches the store.</summary>
public sealed class EventPurgeOnRedisTests(TwoNodesOnRedis cluster) : IClassFixture<TwoNodesOnRedis>
{
    [Theory]
    [InlineData("%2A")]
    [InlineData("a%2A")]
    [InlineData("%7Bx%7D")]
    [InlineData("a:b")]
    [InlineData("%3F")]
    public async Task APurgeOfAGlobIdIsRefusedAndOtherEventsSurvive(string encodedId)
    {
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        var organizer = await a.OrganizerTokenAsync();
        var definition = TestEvents.Create();
        await a.ImportAsync(definition, organizer);
        await a.RegisterAsync(definition.Id, "Ada");

        using var purge = await a.SendAsync(HttpMethod.Delete, $"/api/events/{encodedId}", organizer);

        await purge.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        using var agenda = await b.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}", token: null);
        Assert.Equal(HttpStatusCode.OK, agenda.StatusCode);
        using var attendance = await b.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/attendance", organizer);
        Assert.Equal("Ada", Assert.Single((await attendance.ReadAsync<AttendanceReport>()).Attendees).DisplayName);
    }

    [Fact]
    public async Task AnAnonymousCallerLearnsOnlyThatAPurgeNeedsAToken()
    {
        using var a = cluster.A.CreateClient();

        using var purge = await a.SendAsync(HttpMethod.Delete, "/api/events/%2A", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, purge.StatusCode);
    }

    [Fact]
    public async Task EveryRouteIdIsChecked()
    {
        using var a = cluster.A.CreateClient();
        var organizer = await a.OrganizerTokenAsync();
        var definition = TestEvents.Create();
        await a.ImportAsync(definition, organizer);

        foreach (var path in new[]
                 {
                     "/api/events/a%2A",
                     $"/api/events/{definition.Id}/sessions/%7Bx%7D/roster",
                     $"/api/events/{definition.Id}/polls/a:b",
                     $"/api/events/{definition.Id}/people/%2A/tokens",
                 })
        {
            using var response = await a.SendAsync(path.EndsWith("tokens", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path, organizer);
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        }
    }
}
