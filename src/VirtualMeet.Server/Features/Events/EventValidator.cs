using VirtualMeet.Contracts.Events;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Ids;

namespace VirtualMeet.Server.Features.Events;

/// <summary>
/// Checks an event definition as a whole and reports every problem at once, keyed by its JSON path
/// (e.g. <c>sessions[2].endsAt</c>), so an organizer can fix a document in one round.
/// </summary>
internal static class EventValidator
{
    public static readonly IReadOnlySet<string> SupportedLanguages = new HashSet<string>(StringComparer.Ordinal) { "de", "en" };

    /// <summary>Every problem of <paramref name="definition"/>, of which the first <paramref name="maxErrors"/> are kept.</summary>
    public static ValidationErrors Validate(EventDefinition definition, int maxErrors = ValidationErrors.DefaultLimit)
    {
        var errors = new ValidationErrors(maxErrors);
        ValidateHeader(definition, errors);

        var people = ValidatePeople(definition.People ?? [], errors);
        var sessionIds = ValidateSessionIds(definition.Sessions ?? [], errors);
        var languages = (definition.Languages ?? []).Where(SupportedLanguages.Contains).ToHashSet(StringComparer.Ordinal);
        var sessions = definition.Sessions ?? [];
        for (var i = 0; i < sessions.Count; i++)
        {
            ValidateSession(sessions[i], $"sessions[{i}]", people, sessionIds, languages, errors);
        }

        ValidateBars(definition.Bars ?? [], errors);
        return errors;
    }

    private static void ValidateHeader(EventDefinition definition, ValidationErrors errors)
    {
        if (!EventIds.IsValid(definition.Id))
            errors.Add("id", $"Event id '{definition.Id}' is invalid: {EventIds.Rule}.");
        if (string.IsNullOrWhiteSpace(definition.Title))
            errors.Add("title", "Title is required.");
        if (string.IsNullOrWhiteSpace(definition.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZone, out _))
            errors.Add("timeZone", $"Time zone '{definition.TimeZone}' is unknown; use an IANA id such as 'Europe/Berlin'.");
        if (definition.ExpectedParticipants < 0)
            errors.Add("expectedParticipants", "Expected participants must not be below zero.");

        var languages = definition.Languages ?? [];
        if (languages.Count == 0)
            errors.Add("languages", "At least one language ('de' or 'en') is required.");
        for (var i = 0; i < languages.Count; i++)
        {
            if (!SupportedLanguages.Contains(languages[i]))
                errors.Add($"languages[{i}]", $"Language '{languages[i]}' is not supported; use 'de' or 'en'.");
            else if (languages.Take(i).Contains(languages[i]))
                errors.Add($"languages[{i}]", $"Language '{languages[i]}' is listed twice.");
        }

        if (definition.Sessions is null || definition.Sessions.Count == 0)
            errors.Add("sessions", "At least one session is required.");
    }

    private static HashSet<string> ValidatePeople(IReadOnlyList<PersonDefinition> people, ValidationErrors errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            CheckId(person.Id, $"people[{i}].id", "Person", ids, errors);
            if (string.IsNullOrWhiteSpace(person.Name))
                errors.Add($"people[{i}].name", "Name is required.");
        }

        return ids;
    }

    private static HashSet<string> ValidateSessionIds(IReadOnlyList<SessionDefinition> sessions, ValidationErrors errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sessions.Count; i++)
            CheckId(sessions[i].Id, $"sessions[{i}].id", "Session", ids, errors);
        return ids;
    }

    private static void ValidateSession(
        SessionDefinition session,
        string path,
        HashSet<string> people,
        HashSet<string> sessionIds,
        HashSet<string> languages,
        ValidationErrors errors)
    {
        if (!Enum.IsDefined(session.Kind))
            errors.Add($"{path}.kind", "Kind must be one of keynote, breakout, panel, pitch, networking.");
        if (session.Title is null || (string.IsNullOrWhiteSpace(session.Title.De) && string.IsNullOrWhiteSpace(session.Title.En)))
            errors.Add($"{path}.title", "A title in German (de) or English (en) is required.");
        if (!languages.Contains(session.Language ?? ""))
            errors.Add($"{path}.language", $"Language '{session.Language}' is not one of the event's languages.");
        if (session.EndsAt <= session.StartsAt)
            errors.Add($"{path}.endsAt", $"Session ends ({session.EndsAt:O}) before or when it starts ({session.StartsAt:O}).");
        if (session.Capacity < 0)
            errors.Add($"{path}.capacity", $"Capacity {session.Capacity} is below zero.");
        if (session.RegistrationRequired && session.Capacity is null)
            errors.Add($"{path}.capacity", "A session that requires registration needs a capacity.");

        CheckReferences(session.SpeakerIds, $"{path}.speakerIds", "speaker", people, errors);
        CheckReferences(session.ModeratorIds, $"{path}.moderatorIds", "moderator", people, errors);

        if (session.ParentSessionId is { } parent)
        {
            if (parent == session.Id)
                errors.Add($"{path}.parentSessionId", "A session cannot be its own parent.");
            else if (!sessionIds.Contains(parent))
                errors.Add($"{path}.parentSessionId", $"Unknown parent session '{parent}'.");
        }
    }

    private static void CheckReferences(IReadOnlyList<string>? ids, string path, string what, HashSet<string> people, ValidationErrors errors)
    {
        ids ??= [];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!people.Contains(ids[i] ?? ""))
                errors.Add($"{path}[{i}]", $"Unknown {what} '{ids[i]}': not in people.");
            else if (ids.Take(i).Contains(ids[i]))
                errors.Add($"{path}[{i}]", $"The {what} '{ids[i]}' is listed twice.");
        }
    }

    private static void ValidateBars(IReadOnlyList<BarDefinition> bars, ValidationErrors errors)
    {
        var barIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var path = $"bars[{i}]";
            CheckId(bar.Id, $"{path}.id", "Bar", barIds, errors);
            if (bar.Name is null || (string.IsNullOrWhiteSpace(bar.Name.De) && string.IsNullOrWhiteSpace(bar.Name.En)))
                errors.Add($"{path}.name", "A name in German (de) or English (en) is required.");

            var tables = bar.Tables ?? [];
            if (tables.Count == 0)
                errors.Add($"{path}.tables", "A bar needs at least one table.");
            var tableIds = new HashSet<string>(StringComparer.Ordinal);
            for (var t = 0; t < tables.Count; t++)
            {
                CheckId(tables[t].Id, $"{path}.tables[{t}].id", "Table", tableIds, errors);
                if (string.IsNullOrWhiteSpace(tables[t].Name))
                    errors.Add($"{path}.tables[{t}].name", "Name is required.");
                if (tables[t].Seats < 1)
                    errors.Add($"{path}.tables[{t}].seats", $"A table needs at least one seat, not {tables[t].Seats}.");
            }
        }
    }

    private static void CheckId(string? id, string path, string what, HashSet<string> seen, ValidationErrors errors)
    {
        if (!EventIds.IsValid(id))
            errors.Add(path, $"{what} id '{id}' is invalid: {EventIds.Rule}.");
        else if (!seen.Add(id!))
            errors.Add(path, $"Duplicate {what.ToLowerInvariant()} id '{id}'.");
    }
}
