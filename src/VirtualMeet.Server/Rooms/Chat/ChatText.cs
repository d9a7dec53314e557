namespace VirtualMeet.Server.Rooms.Chat;

/// <summary>The rules a chat line's text meets before anything is stored.</summary>
internal static class ChatText
{
    /// <summary>The trimmed text, or the reason it is refused; <paramref name="what"/> names the text in that reason.</summary>
    public static (string? Text, string? Error) Clean(string? text, int maxLength, string what = "A chat message")
    {
        // Bound the work first: a client may send a string up to the hub message size.
        if (text is null || text.Length > maxLength * 4)
            return (null, $"{what} has 1 to {maxLength} characters.");
        var trimmed = text.Trim();
        if (trimmed.Length is 0 || trimmed.Length > maxLength)
            return (null, $"{what} has 1 to {maxLength} characters; got {trimmed.Length}.");
        // Control characters (line breaks included) could forge lines or break clients' rendering.
        return trimmed.Any(char.IsControl)
            ? (null, $"{what} may not contain control characters or line breaks.")
            : (trimmed, null);
    }
}
