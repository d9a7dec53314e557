namespace VirtualMeet.Server.Tests.Polls;

/// <summary>
/// Reads the code of a coded hub error. SignalR (without detailed errors) sends a <c>HubException</c> as
/// "An unexpected error occurred invoking 'X' on the server. HubException: code: message", so the code
/// follows that prefix; a client that gets the bare message sees it first.
/// </summary>
internal static class HubErrorsAssert
{
    private const string Marker = "HubException: ";

    public static string CodeOf(string message)
    {
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        var coded = start < 0 ? message : message[(start + Marker.Length)..];
        var colon = coded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? coded : coded[..colon];
    }

    public static void HasCode(string code, string message) => Assert.True(code == CodeOf(message), $"expected '{code}', got: {message}");
}
