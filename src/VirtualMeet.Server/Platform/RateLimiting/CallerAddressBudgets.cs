using System.Net;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.RateLimiting;

/// <summary>
/// Budgets per caller address for the endpoints anyone may call without a token: attendee sign-up and the organizer
/// key exchange. They live in the same store as the attendee budgets, so all nodes share them. Every attempt
/// counts, a refused one included: that is what slows down guessing the organizer key or flooding an event with
/// fake attendees. Behind a reverse proxy the address is the forwarded one (<c>Hosting:TrustedProxies</c>).
/// </summary>
internal static class CallerAddressBudgets
{
    /// <summary>The budget scope when the route names no event.</summary>
    private const string NoEvent = "_anonymous";

    /// <summary>Takes a permit of rule <paramref name="ruleName"/> for the caller's address, or refuses with <c>rate_limited</c> (429 with <c>Retry-After</c>).</summary>
    /// <param name="eventExists">
    /// Whether the route's event exists: the budget is the event's only then, so a made-up event id creates no
    /// budget of its own (and buys no fresh one) but spends the address's budget outside any event.
    /// </param>
    public static RouteHandlerBuilder RequireCallerAddressBudget(
        this RouteHandlerBuilder endpoint, string ruleName, Func<HttpContext, string, Task<bool>>? eventExists = null) =>
        endpoint
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var rule = http.RequestServices.GetRequiredService<AttendeeRateLimits>().Rule(ruleName);
                var limiter = http.RequestServices.GetRequiredService<IAttendeeRateLimiter>();
                var scope = http.Request.RouteValues.TryGetValue("eventId", out var eventId) && eventId is string id
                    && (eventExists is null || await eventExists(http, id))
                        ? id
                        : NoEvent;
                var decision = await limiter.TryAcquireAsync(scope, Subject(http.Connection.RemoteIpAddress), rule, http.RequestAborted);
                return decision.Allowed
                    ? await next(context)
                    : throw Refusal.RateLimited(AttendeeRateLimits.Describe(rule, decision.RetryAfter), decision.RetryAfter);
            })
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// The budget's owner: an IPv4 address, or the /64 network of an IPv6 address (one subscriber usually has a
    /// whole /64, so single IPv6 addresses would cost an attacker nothing).
    /// </summary>
    internal static string Subject(IPAddress? address)
    {
        if (address is null)
            return "address:unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            return "address:" + address;

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return "address:" + new IPAddress(bytes) + "/64";
    }
}
