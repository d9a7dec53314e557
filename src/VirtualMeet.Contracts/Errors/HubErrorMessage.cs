namespace VirtualMeet.Contracts.Errors;

/// <summary>
/// Reads the code out of a hub error as clients receive it. The server throws <c>HubException("room_full: ...")</c>;
/// SignalR sends it as <c>An unexpected error occurred invoking 'JoinTable' on the server. HubException: room_full: ...</c>,
/// so the code is the word after the last <c>HubException: </c> marker (or at the start, for a bare message).
/// </summary>
public static class HubErrorMessage
{
    private const string Marker = "HubException: ";

    public static bool TryParse(string? message, out string code, out string detail)
    {
        code = "";
        detail = "";
        if (string.IsNullOrEmpty(message))
        {
            return false;
        }

        var markerAt = message.LastIndexOf(Marker, StringComparison.Ordinal);
        var coded = markerAt >= 0 ? message[(markerAt + Marker.Length)..] : message;
        var colon = coded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsCode(coded.AsSpan(0, colon)))
        {
            return false;
        }

        code = coded[..colon];
        detail = coded[(colon + 1)..].TrimStart();
        return true;
    }

    private static bool IsCode(ReadOnlySpan<char> candidate)
    {
        foreach (var c in candidate)
        {
            if (c is not ((>= 'a' and <= 'z') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
