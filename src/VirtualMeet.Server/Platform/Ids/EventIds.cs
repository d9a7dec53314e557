using System.Text.RegularExpressions;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Ids;

/// <summary>
/// The shape of every id a caller may name: event, session, poll, bar, table, question, meeting, chat line and
/// attendee (participant) ids. They end up inside Redis keys (<c>vm:{eventId}:session:{sessionId}:...</c>), SCAN
/// patterns and Lua arguments, so they may hold neither the separator <c>:</c> nor hash-tag braces nor glob
/// characters. In the platform, not in the events feature, because rooms and the platform's own filters check it too.
/// </summary>
internal static partial class EventIds
{
    public const string Rule = "1-64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>
    /// A valid id, or a scope the server names itself with a leading '_' (the per-address budgets' <c>_anonymous</c>):
    /// no client id starts with '_', so such a scope never meets an event, and it holds no key or glob syntax either.
    /// </summary>
    public static bool IsKeySafe(string? id) => IsValid(id) || id is ['_', .. var rest] && IsValid(rest);

    /// <summary>
    /// Refuses (<c>invalid_argument</c>) an id of the wrong shape. The message never repeats the id: it may be
    /// anything a client sent.
    /// </summary>
    public static string Require(string? id, string name) =>
        IsValid(id) ? id! : throw Refusal.InvalidArgument($"{name} is invalid: {Rule}.");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
