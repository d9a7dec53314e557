using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>Normalises a list of tags: trimmed, inner spaces collapsed, empty ones dropped, distinct ignoring case.</summary>
internal static class ProfileTags
{
    public static IReadOnlyList<string> Normalise(IReadOnlyList<string>? tags, string field, MatchmakingOptions options)
    {
        if (tags is null)
            return [];
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in tags)
        {
            var text = string.Join(' ', (tag ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length == 0)
                continue;
            if (text.Length > options.MaxTagLength)
                throw Refusal.InvalidArgument($"An entry of {field} has {text.Length} characters; at most {options.MaxTagLength} are allowed.");
            text = UserText.Require(text, options.MaxTagLength, $"An entry of {field}");
            if (seen.Add(text))
                result.Add(text);
        }

        return result.Count > options.MaxTags
            ? throw Refusal.InvalidArgument($"{field} has {result.Count} entries; at most {options.MaxTags} are allowed.")
            : result;
    }
}
