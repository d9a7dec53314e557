using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// A matchmaking operation refused for a reason the caller can act on; the endpoints turn it into a problem with
/// the code, and nothing changed.
/// </summary>
internal sealed class MatchmakingRejection(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static MatchmakingRejection Invalid(string message) => new(ErrorCodes.InvalidArgument, message);

    public static MatchmakingRejection NotFound(string message) => new(ErrorCodes.NotFound, message);

    public static MatchmakingRejection Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    public static MatchmakingRejection Conflict(string message) => new(ErrorCodes.Conflict, message);
}
