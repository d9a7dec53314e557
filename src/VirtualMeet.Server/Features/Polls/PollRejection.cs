using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>
/// A poll operation refused for a reason the caller can act on. The hub turns it into a coded
/// <c>HubException</c>, the endpoints into a problem; either way nothing was counted.
/// </summary>
internal sealed class PollRejection(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static PollRejection Invalid(string message) => new(ErrorCodes.InvalidArgument, message);

    public static PollRejection NotFound(string message) => new(ErrorCodes.NotFound, message);

    public static PollRejection Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    public static PollRejection Conflict(string message) => new(ErrorCodes.Conflict, message);

    public static PollRejection Closed(string pollId) => new(ErrorCodes.PollClosed, $"Poll '{pollId}' is not open for votes.");

    public static PollRejection AlreadyVoted(string pollId) => new(ErrorCodes.AlreadyVoted, $"You already voted in poll '{pollId}'.");
}
