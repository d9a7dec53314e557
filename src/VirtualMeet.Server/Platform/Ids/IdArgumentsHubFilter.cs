using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.Server.Platform.Ids;

/// <summary>
/// Refuses a hub call whose id arguments (every <see cref="string"/> parameter named <c>…Id</c>: <c>eventId</c>,
/// <c>sessionId</c>, <c>toParticipantId</c>, …) do not have the shape of <see cref="EventIds"/>, before the hub
/// method runs: an id is checked once, here, before it can reach a group name, a Redis key, a SCAN pattern or a
/// Lua script. A null argument passes where the parameter is nullable (<c>Watch(eventId, sessionId: null)</c>).
/// </summary>
internal sealed class IdArgumentsHubFilter : IHubFilter
{
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly ConcurrentDictionary<MethodInfo, IdParameter[]> IdParameters = new();

    public ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        foreach (var parameter in IdParameters.GetOrAdd(invocationContext.HubMethod, Find))
        {
            var value = invocationContext.HubMethodArguments[parameter.Position] as string;
            if (value is null && parameter.Nullable)
                continue;
            EventIds.Require(value, parameter.Name);
        }

        return next(invocationContext);
    }

    private static IdParameter[] Find(MethodInfo method)
    {
        // Reflection once per hub method; NullabilityInfoContext is not thread-safe, hence the lock.
        lock (Nullability)
        {
            return [.. method.GetParameters()
                .Where(p => p.ParameterType == typeof(string) && p.Name is { } name && name.EndsWith("Id", StringComparison.Ordinal))
                .Select(p => new IdParameter(p.Position, p.Name!, Nullability.Create(p).WriteState == NullabilityState.Nullable))];
        }
    }

    private sealed record IdParameter(int Position, string Name, bool Nullable);
}
