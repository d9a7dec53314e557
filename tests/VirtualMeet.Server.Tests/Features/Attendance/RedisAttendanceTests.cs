using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Attendance;

/// <summary>The report reads the Redis stores: registrations taken through one node are exported by another.</summary>
public sealed class RedisAttendanceTests(TwoNodesOnRedis cluster) : IClassFixture<TwoNodesOnRedis>
{
    [Fact]
    public async Task ANodeExportsTheRegistrationsAnotherNodeTook()
    {
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        var definition = TestEvents.Create(workshopCapacity: 1);
        await a.ImportAsync(definition, await a.OrganizerTokenAsync());
        foreach (var name in new[] { "Ada", "Ben" })
        {
            var attendee = await a.RegisterAsync(definition.Id, name);
            (await a.SendAsync(HttpMethod.Post, $"/api/events/{definition.Id}/sessions/workshop/registrations", attendee.AccessToken)).Dispose();
        }

        using var response = await b.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/attendance", await b.OrganizerTokenAsync());

        var report = await response.ReadAsync<AttendanceReport>();
        Assert.Equal(["Ada", "Ben"], report.Attendees.Select(x => x.DisplayName));
        Assert.Equal(
            [SessionRegistrationStatus.Confirmed, SessionRegistrationStatus.Waitlisted],
            report.Attendees.Select(x => Assert.Single(x.Sessions).Status));
    }
}
