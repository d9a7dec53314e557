using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Puts hub, method, connection and user on every log line written during a hub call, and logs hub calls
/// that fail with something other than a <see cref="Refusal"/> (those are the caller's mistake).
/// </summary>
internal sealed partial class HubCallScopeFilter(ILogger<HubCallScopeFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Hub"] = invocationContext.Hub.GetType().Name,
            ["HubMethod"] = invocationContext.HubMethodName,
            ["ConnectionId"] = context.ConnectionId,
            ["UserId"] = context.UserIdentifier,
        });

        try
        {
            return await next(invocationContext);
        }
        catch (Refusal)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHubCallFailed(ex, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, context.ConnectionId);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Hub"] = context.Hub.GetType().Name,
            ["ConnectionId"] = context.Context.ConnectionId,
            ["UserId"] = context.Context.UserIdentifier,
        });
        LogConnected(context.Hub.GetType().Name, context.Context.ConnectionId, context.Context.UserIdentifier);
        await next(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Hub}.{HubMethod} on connection {ConnectionId} failed.")]
    private partial void LogHubCallFailed(Exception exception, string hub, string hubMethod, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Hub}: connection {ConnectionId} opened by {UserId}.")]
    private partial void LogConnected(string hub, string connectionId, string? userId);
}
