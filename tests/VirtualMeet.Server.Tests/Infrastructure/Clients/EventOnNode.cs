using Microsoft.Extensions.DependencyInjection;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// What each feature's test client starts from: an event put straight into a node's store, and tokens from the
/// node's own issuer, so a test can have many distinct attendees without signing each up. The same event is
/// reachable through every node on the same Redis.
/// </summary>
internal abstract class EventOnNode(VirtualMeetNode node, string eventId)
{
    public string EventId { get; } = eventId;

    public VirtualMeetNode Node { get; } = node;

    protected TokenIssuer Issuer => Node.Services.GetRequiredService<TokenIssuer>();

    /// <summary>An HttpClient to this node that sends <paramref name="token"/>.</summary>
    public HttpClient Http(string token) => Node.CreateClient().WithToken(token);

    /// <summary>Adds <paramref name="definition"/> to the event store of <paramref name="node"/> and returns its id.</summary>
    protected static async Task<string> AddEventAsync(VirtualMeetNode node, EventDefinition definition)
    {
        Assert.True(await node.Services.GetRequiredService<IEventStore>().TryAddAsync(definition, CancellationToken.None));
        return definition.Id;
    }
}
