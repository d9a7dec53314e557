namespace VirtualMeet.Contracts.Errors;

/// <summary>
/// Stable error codes. REST problem details carry one in their <c>code</c> field; hub errors are
/// <c>HubException</c>s whose message starts with one followed by a colon, e.g.
/// <c>room_full: Table 3 has 6 of 6 seats taken.</c>
/// </summary>
public static class ErrorCodes
{
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Unauthorized = "unauthorized";
    public const string InvalidArgument = "invalid_argument";
    public const string RoomFull = "room_full";
    public const string PollClosed = "poll_closed";
    public const string AlreadyVoted = "already_voted";
    public const string RateLimited = "rate_limited";
    public const string NotAMember = "not_a_member";
    public const string Conflict = "conflict";
    public const string Unavailable = "unavailable";
    public const string Internal = "internal";
}
