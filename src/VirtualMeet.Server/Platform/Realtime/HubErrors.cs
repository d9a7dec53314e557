using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Coded hub errors. The message reaches the client verbatim, so it starts with a stable code from
/// <see cref="ErrorCodes"/> and reads well after it: <c>room_full: Table 3 has 6 of 6 seats taken.</c>
/// </summary>
public static class HubErrors
{
    public static HubException Create(string code, string message) => new($"{code}: {message}");

    public static HubException NotFound(string message) => Create(ErrorCodes.NotFound, message);

    public static HubException Forbidden(string message) => Create(ErrorCodes.Forbidden, message);

    public static HubException InvalidArgument(string message) => Create(ErrorCodes.InvalidArgument, message);

    public static HubException Unavailable(string message) => Create(ErrorCodes.Unavailable, message);
}
