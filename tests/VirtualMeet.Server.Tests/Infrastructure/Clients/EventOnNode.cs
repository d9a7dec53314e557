using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// What each feature's test client starts from: an event put straight into a node's store, and tokens from the
/// node's own issuer, so a test can have many distinct attendees without signing each up (tokens carry no name; an
/// attendee whose name a test reads is registered with <see cref="RegisterAttendeeAsync"/>). The same event is
/// reachable through every node on the same Redis.
/// </summary>
internal abstract class EventOnNode(VirtualMeetNode node, string eventId)
{
    public string EventId { get; } = eventId;

    public VirtualMeetNode Node { get; } = node;

    protected TokenIssuer Issuer => Node.Services.GetRequiredService<TokenIssuer>();

    /// <summary>An HttpClient to this node that sends <paramref name="token"/>.</summary>
    public HttpClient Http(string token) => Node.CreateClient().WithToken(token);

    /// <summary>Registers <paramref name="attendeeId"/> as "Name {attendeeId}", the name the server shows for them.</summary>
    public Task RegisterAttendeeAsync(string attendeeId, IReadOnlyList<string>? interests = null) =>
        Node.Services.GetRequiredService<IAttendeeStore>().AddAsync(
            new Attendee(attendeeId, EventId, $"Name {attendeeId}", null, null, "de", interests ?? [], DateTimeOffset.UtcNow), CancellationToken.None);

    /// <summary>Adds <paramref name="definition"/> to the event store of <paramref name="node"/> and returns its id.</summary>
    protected static async Task<string> AddEventAsync(VirtualMeetNode node, EventDefinition definition)
    {
        Assert.True(await node.Services.GetRequiredService<IEventStore>().TryAddAsync(definition, CancellationToken.None));
        return definition.Id;
    }
}
