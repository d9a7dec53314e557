using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Stage;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>Checks a moderator's <see cref="StageUpdate"/> against the limits and applies it to the stored stage.</summary>
internal sealed class StageUpdateReader(IOptions<StageOptions> options)
{
    /// <exception cref="Refusal"><c>invalid_argument</c> naming the first bad field.</exception>
    public void Validate(StageUpdate? update)
    {
        var limits = options.Value;
        if (update is null)
            throw Refusal.InvalidArgument("An update is required.");
        if (update.Status is { } status && !Enum.IsDefined(status))
            throw Refusal.InvalidArgument("status is scheduled, live, paused or ended.");
        CheckText("speaker", update.Speaker, limits.MaxTextLength);
        CheckText("title", update.Title, limits.MaxTextLength);
        if (update.ReplayUrl is { Length: > 0 } replay)
            CheckUrl("replayUrl", replay, limits.MaxUrlLength);

        if (update.Sources is not { } sources)
            return;
        if (sources.Count > limits.MaxStreamSources)
            throw Refusal.InvalidArgument($"A stage has at most {limits.MaxStreamSources} stream sources.");
        var languages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source is null || string.IsNullOrEmpty(source.Language) || source.Language.Length > 8 || !source.Language.All(char.IsAsciiLetterLower))
                throw Refusal.InvalidArgument("Every stream source has a lower-case language code such as 'de' or 'en'.");
            if (!languages.Add(source.Language))
                throw Refusal.InvalidArgument($"Language '{source.Language}' has two stream sources.");
            CheckUrl("sources.url", source.Url, limits.MaxUrlLength);
            CheckText("sources.kind", source.Kind, 20);
        }
    }

    /// <summary>The stored stage after the update; the version goes up by one.</summary>
    public static StageRecord Apply(StageRecord? current, StageUpdate update) => new(
        (current?.Version ?? 0) + 1,
        update.Status ?? current?.Status ?? StageStatus.Scheduled,
        update.Sources ?? current?.Sources ?? [],
        Merge(update.Speaker, current?.Speaker),
        Merge(update.Title, current?.Title),
        update.StartsAt ?? current?.StartsAt,
        Merge(update.ReplayUrl, current?.ReplayUrl),
        update.PreModeration ?? current?.PreModeration ?? false);

    // Null keeps the field; an empty string clears it back to its default (the agenda's title, no speaker, no replay).
    private static string? Merge(string? update, string? current) => update is null ? current : update.Length == 0 ? null : update;

    private static void CheckText(string field, string? text, int max)
    {
        if (text is not null && (text.Length > max || text.Any(char.IsControl)))
            throw Refusal.InvalidArgument($"{field} has at most {max} characters and no control characters.");
    }

    private static void CheckUrl(string field, string? url, int max)
    {
        if (url is null || url.Length > max || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw Refusal.InvalidArgument($"{field} is an absolute http(s) URL of at most {max} characters.");
    }
}
