using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.Server.Platform.Refusals;

/// <summary>
/// Turns a <see cref="Refusal"/> thrown by any hub method into the coded hub error clients read:
/// <c>HubException("room_full: Table 3 has 6 of 6 seats taken.")</c>. SignalR sends a <see cref="HubException"/>'s
/// message even with detailed errors off, and nothing else's, so this is the only place that may create one.
/// </summary>
internal sealed class RefusalHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Refusal refusal)
        {
            throw ToHubException(refusal);
        }
    }

    /// <summary>The hub error a client reads for <paramref name="refusal"/>.</summary>
    public static HubException ToHubException(Refusal refusal) => new($"{refusal.Code}: {refusal.Message}", refusal);

    /// <summary>A refused connection (too many of them) closes with the coded error as its close reason.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Refusal refusal)
        {
            throw ToHubException(refusal);
        }
    }
}
