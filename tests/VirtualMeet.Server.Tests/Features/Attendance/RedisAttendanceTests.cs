using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Features.Events;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Attendance;

/// <summary>The report reads the Redis stores: registrations taken through one node are exported by another.</summary>
public sealed class RedisAttendanceTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private VirtualMeetNode _nodeA = null!;
    private VirtualMeetNode _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _nodeA = await VirtualMeetNode.StartWithRedisAsync(_redis);
        _nodeB = await VirtualMeetNode.StartWithRedisAsync(_redis);
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ANodeExportsTheRegistrationsAnotherNodeTook()
    {
        using var a = _nodeA.CreateClient();
        using var b = _nodeB.CreateClient();
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
