using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Server.Features.Events;

/// <summary>
/// Turns a stored definition into what clients read: bilingual texts resolved to one language with a
/// fallback to the other, people resolved from their ids.
/// </summary>
internal static class EventViewMapper
{
    public static EventSummary ToSummary(EventDefinition definition)
    {
        var (startsAt, endsAt) = Span(definition);
        return new EventSummary(definition.Id, definition.Title, definition.TimeZone, definition.Languages,
            startsAt, endsAt, definition.Sessions.Count, definition.Registration);
    }

    public static EventView ToView(EventDefinition definition, string? preferredLanguage)
    {
        var language = ChooseLanguage(definition, preferredLanguage);
        var people = (definition.People ?? []).ToDictionary(p => p.Id, p => new PersonView(p.Id, p.Name, p.Organization), StringComparer.Ordinal);
        var (startsAt, endsAt) = Span(definition);

        var sessions = definition.Sessions
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new SessionView(
                s.Id,
                s.Kind,
                Pick(s.Title, language) ?? s.Id,
                s.Description is null ? null : Pick(s.Description, language),
                s.Language,
                s.StartsAt,
                s.EndsAt,
                s.Capacity,
                s.RegistrationRequired,
                Resolve(s.SpeakerIds, people),
                Resolve(s.ModeratorIds, people),
                s.ParentSessionId))
            .ToList();

        var bars = (definition.Bars ?? [])
            .Select(b => new BarView(b.Id, Pick(b.Name, language) ?? b.Id, b.Tables.Select(t => new TableView(t.Id, t.Name, t.Seats)).ToList()))
            .ToList();

        return new EventView(definition.Id, definition.Title, definition.TimeZone, definition.Languages, language,
            startsAt, endsAt, sessions, bars, definition.Registration);
    }

    /// <summary>The preferred language when it is de or en, else the event's first language.</summary>
    public static string ChooseLanguage(EventDefinition definition, string? preferred)
    {
        if (preferred is not null && EventValidator.SupportedLanguages.Contains(preferred))
            return preferred;
        return definition.Languages.Count > 0 ? definition.Languages[0] : "de";
    }

    public static string? Pick(LocalizedText text, string language) => language == "en"
        ? NullIfEmpty(text.En) ?? NullIfEmpty(text.De)
        : NullIfEmpty(text.De) ?? NullIfEmpty(text.En);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static List<PersonView> Resolve(IReadOnlyList<string>? ids, Dictionary<string, PersonView> people) =>
        (ids ?? []).Where(people.ContainsKey).Select(id => people[id]).ToList();

    private static (DateTimeOffset? StartsAt, DateTimeOffset? EndsAt) Span(EventDefinition definition) =>
        definition.Sessions.Count == 0
            ? (null, null)
            : (definition.Sessions.Min(s => s.StartsAt), definition.Sessions.Max(s => s.EndsAt));
}
