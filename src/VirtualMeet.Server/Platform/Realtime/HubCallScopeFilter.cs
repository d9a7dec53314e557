using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Puts hub, method, connection and user on every log line written during a hub call, and logs each failed call
/// once: a <see cref="Refusal"/> (the caller's doing) at Information with its code and no stack trace, anything else
/// at Error with its stack trace. <see cref="HubFailureLogging"/> keeps SignalR's dispatcher from logging them again.
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
        catch (Refusal refusal)
        {
            LogHubCallRefused(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, context.ConnectionId,
                refusal.Code, Shortened(refusal.Message));
            HubFailureLogging.MarkLogged(refusal);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHubCallFailed(ex, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, context.ConnectionId);
            HubFailureLogging.MarkLogged(ex);
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

    // A refusal's message may quote what the caller sent; the log keeps a bounded prefix of it.
    private static string Shortened(string message) => message.Length <= MaxLoggedMessage ? message : message[..MaxLoggedMessage] + "…";

    private const int MaxLoggedMessage = 160;

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {Hub}.{HubMethod} on connection {ConnectionId} refused: {Code}: {Reason}")]
    private partial void LogHubCallRefused(string hub, string hubMethod, string connectionId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Hub}.{HubMethod} on connection {ConnectionId} failed.")]
    private partial void LogHubCallFailed(Exception exception, string hub, string hubMethod, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Hub}: connection {ConnectionId} opened by {UserId}.")]
    private partial void LogConnected(string hub, string connectionId, string? userId);
}
