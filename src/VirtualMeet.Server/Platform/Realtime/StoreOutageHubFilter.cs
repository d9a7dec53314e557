using Microsoft.AspNetCore.SignalR;
using Polly.Timeout;
using StackExchange.Redis;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// A store that cannot be reached is an outage, not a bug: a hub caller gets <c>unavailable: ...</c> and may retry,
/// as a REST caller gets a 503 with that code (Platform/Storage/Redis, <c>RedisUnavailableExceptionHandler</c>). The
/// outage is logged once per call at Warning without a stack trace, since during an outage every call fails the same
/// way; the refusal it becomes is logged by <see cref="HubCallScopeFilter"/> like any other.
/// </summary>
internal sealed partial class StoreOutageHubFilter(ILogger<StoreOutageHubFilter> logger) : IHubFilter
{
    public const string Message = "The conference store cannot be reached right now; retry shortly.";

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (OutageIn(ex) is { } outage)
        {
            LogStoreUnavailable(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, outage.GetType().Name, outage.Message);
            throw Refusal.Unavailable(Message);
        }
    }

    /// <summary>The store outage <paramref name="exception"/> is or wraps, if any.</summary>
    internal static Exception? OutageIn(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            // TimeoutRejectedException: a store call that outlived its Polly timeout.
            if (e is RedisConnectionException or RedisTimeoutException or TimeoutRejectedException)
                return e;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store unavailable during {Hub}.{HubMethod}: {ExceptionType}: {Reason}")]
    private partial void LogStoreUnavailable(string hub, string hubMethod, string exceptionType, string reason);
}
