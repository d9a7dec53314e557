using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>Closes the connections a revocation covers: this node's at once, the other nodes' through the relay.</summary>
internal sealed class LiveConnections(ConnectionIndex index, IRevocationRelay relay) : ILiveConnections
{
    public async Task CloseAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        index.CloseCovered(revocation);
        await relay.PublishAsync(revocation, cancellationToken);
    }
}

/// <summary>Carries revocations to the other nodes of the cluster.</summary>
internal interface IRevocationRelay
{
    Task PublishAsync(Revocation revocation, CancellationToken cancellationToken);
}

/// <summary>One node serves everything: there is nobody else to tell.</summary>
internal sealed class SingleNodeRevocationRelay : IRevocationRelay
{
    public Task PublishAsync(Revocation revocation, CancellationToken cancellationToken) => Task.CompletedTask;
}
