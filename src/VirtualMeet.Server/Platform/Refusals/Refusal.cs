using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Platform.Refusals;

/// <summary>
/// A call refused for a reason the caller can act on; nothing changed. Services and hubs throw it, and it is
/// translated once per transport: <see cref="RefusalHubFilter"/> makes it the hub error <c>code: message</c>, the
/// REST exception handler (Platform/Hosting/Problems) a problem with the <c>code</c> field.
/// </summary>
internal sealed class Refusal : Exception
{
    // Private, so that every refusal carries one of the documented codes (docs/api.md): only the factories name them.
    private Refusal(string code, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Code = code;
        RetryAfter = retryAfter;
    }

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>When trying again may succeed; REST answers carry it as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    public static Refusal NotFound(string message) => new(ErrorCodes.NotFound, message);

    public static Refusal Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    public static Refusal Unauthorized(string message) => new(ErrorCodes.Unauthorized, message);

    /// <summary>A token of one event used on another event's route or hub call.</summary>
    public static Refusal NotThisEvent(string eventId) => Forbidden($"The token was not issued for event '{eventId}'.");

    public static Refusal InvalidArgument(string message) => new(ErrorCodes.InvalidArgument, message);

    public static Refusal Conflict(string message) => new(ErrorCodes.Conflict, message);

    public static Refusal RoomFull(string message) => new(ErrorCodes.RoomFull, message);

    public static Refusal PollClosed(string message) => new(ErrorCodes.PollClosed, message);

    public static Refusal AlreadyVoted(string message) => new(ErrorCodes.AlreadyVoted, message);

    public static Refusal NotAMember(string message) => new(ErrorCodes.NotAMember, message);

    public static Refusal RateLimited(string message, TimeSpan retryAfter) => new(ErrorCodes.RateLimited, message, retryAfter);

    public static Refusal Unavailable(string message) => new(ErrorCodes.Unavailable, message);
}
