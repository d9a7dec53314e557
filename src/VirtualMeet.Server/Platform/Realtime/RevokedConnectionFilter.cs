using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Keeps <see cref="ConnectionIndex"/> current and refuses every call of a connection whose token was revoked, with
/// <c>unauthorized</c>. A call costs one dictionary lookup: the store is read when a connection opens, not per call.
/// </summary>
internal sealed class RevokedConnectionFilter(ConnectionIndex index, TokenRevocations revocations) : IHubFilter
{
    private const string Ended = "This sign-in has ended (the device was signed out or the registration erased); sign in again.";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var live = index.Add(context.Context);
        // Checked once more after joining the index: a revocation that came between the connect request's token check
        // and this moment found nothing to close here.
        if (live is not null && await revocations.IsRevokedAsync(context.Context.User!, context.Context.ConnectionAborted))
        {
            live.Close();
            throw Refusal.Unauthorized(Ended);
        }

        await next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
        index.IsRevoked(invocationContext.Context.ConnectionId) ? throw Refusal.Unauthorized(Ended) : next(invocationContext);

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        index.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }
}
