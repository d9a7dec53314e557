using System.Globalization;

namespace VirtualMeet.SignalR.Redis.Internal;

internal enum ResyncRequestKind
{
    /// <summary>Every node asks its connections (a send was lost for all of them).</summary>
    All,

    /// <summary>A node's request to itself, proving its restored subscriptions; <see cref="ResyncRequest.Number"/> names the outage.</summary>
    OwnNode,

    /// <summary>Another node's request to itself: nothing to do here.</summary>
    OtherNode,

    /// <summary>Something this version cannot read.</summary>
    Unreadable,
}

internal readonly record struct ResyncRequest(ResyncRequestKind Kind, long Number = 0);

/// <summary>The wire form of the requests on the <c>internal:resync</c> channel: <c>all</c> or <c>node:{server}:{number}</c>.</summary>
internal static class ResyncRequests
{
    public const string ToAll = "all";

    private const string NodePrefix = "node:";

    public static string ForNode(string serverName, long number) =>
        NodePrefix + serverName + ":" + number.ToString(CultureInfo.InvariantCulture);

    public static ResyncRequest Read(string? request, string ownServerName)
    {
        if (request == ToAll)
        {
            return new(ResyncRequestKind.All);
        }

        if (request is null || !request.StartsWith(NodePrefix, StringComparison.Ordinal))
        {
            return new(ResyncRequestKind.Unreadable);
        }

        var separator = request.LastIndexOf(':');
        if (separator <= NodePrefix.Length || !long.TryParse(request.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new(ResyncRequestKind.Unreadable);
        }

        return request.AsSpan(NodePrefix.Length, separator - NodePrefix.Length).SequenceEqual(ownServerName)
            ? new(ResyncRequestKind.OwnNode, number)
            : new(ResyncRequestKind.OtherNode);
    }
}
