using System.Text.RegularExpressions;

namespace VirtualMeet.Server.Features.Events;

/// <summary>
/// The shape of ids. They end up inside Redis keys (<c>vm:{eventId}:session:{sessionId}:...</c>), so they may hold
/// neither the separator <c>:</c> nor hash-tag braces nor glob characters.
/// </summary>
internal static partial class EventIds
{
    public const string Rule = "1-64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
