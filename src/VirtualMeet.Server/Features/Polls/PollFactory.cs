using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Validates a create request against the limits and the event, and builds the poll's definition.</summary>
internal sealed class PollFactory(IOptions<PollsOptions> limitsOptions, TimeProvider time)
{
    private const int DefaultRatingMin = 1;
    private const int DefaultRatingMax = 5;

    /// <summary>The definition, or the errors per JSON field (problem details' <c>errors</c>).</summary>
    public (PollDefinition? Poll, Dictionary<string, string[]> Errors) Create(EventDefinition definition, CreatePollRequest request)
    {
        var limits = limitsOptions.Value;
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        SessionDefinition? session = null;
        if (request.SessionId is { } sessionId)
        {
            session = definition.Sessions.FirstOrDefault(s => s.Id == sessionId);
            if (session is null)
                Fail("sessionId", $"Event '{definition.Id}' has no session '{sessionId}'.");
        }

        CheckText("question", request.Question, limits.MaxQuestionLength, Fail);

        var options = request.Options ?? [];
        if (request.Kind == PollKind.Pitch && request.Options is null)
            options = PitchesOf(definition, session);

        var isChoice = request.Kind is PollKind.SingleChoice or PollKind.MultipleChoice or PollKind.Pitch;
        if (isChoice)
        {
            if (options.Count < limits.MinOptions || options.Count > limits.MaxOptions)
                Fail("options", $"A {Name(request.Kind)} poll needs {limits.MinOptions} to {limits.MaxOptions} options; got {options.Count}.");
            for (var i = 0; i < options.Count; i++)
                CheckText($"options[{i}]", options[i], limits.MaxOptionLength, Fail);
        }
        else if (options.Count > 0)
        {
            Fail("options", $"A {Name(request.Kind)} poll has no options.");
        }

        if (request.MaxChoices is { } maxChoices && (request.Kind != PollKind.MultipleChoice || maxChoices < 1 || maxChoices > options.Count))
            Fail("maxChoices", $"maxChoices applies to multiple-choice polls and lies between 1 and the number of options ({options.Count}).");

        int? ratingMin = null, ratingMax = null;
        if (request.Kind == PollKind.Rating)
        {
            ratingMin = request.RatingMin ?? DefaultRatingMin;
            ratingMax = request.RatingMax ?? DefaultRatingMax;
            if (ratingMin >= ratingMax || ratingMax - ratingMin + 1 > limits.MaxRatingScale)
                Fail("ratingMax", $"The rating scale needs ratingMin < ratingMax and at most {limits.MaxRatingScale} values.");
        }
        else if (request.RatingMin is not null || request.RatingMax is not null)
        {
            Fail("ratingMin", "ratingMin and ratingMax apply to rating polls only.");
        }

        // Changing a ballot means knowing the earlier one; an anonymous poll must never know it.
        if (request.Anonymous && request.AllowChange)
            Fail("allowChange", "An anonymous poll cannot allow changing votes: that would require storing each ballot.");

        if (request.DurationSeconds is { } seconds && (seconds < 1 || seconds > limits.MaxDurationSeconds))
            Fail("durationSeconds", $"durationSeconds lies between 1 and {limits.MaxDurationSeconds}.");

        if (errors.Count > 0)
            return (null, errors);

        var poll = new PollDefinition(
            Guid.NewGuid().ToString("N"),
            definition.Id,
            session?.Id,
            Trim(request.Question),
            request.Kind,
            isChoice ? options.Select(Trim).ToList() : [],
            request.Kind == PollKind.MultipleChoice ? request.MaxChoices ?? options.Count : null,
            ratingMin,
            ratingMax,
            request.Anonymous,
            request.AllowChange,
            request.ResultsVisibility,
            request.DurationSeconds is { } duration ? TimeSpan.FromSeconds(duration) : null,
            time.GetUtcNow());
        return (poll, errors);
    }

    /// <summary>The pitches of the poll's session block when it has any, else every pitch of the event, in agenda order.</summary>
    private static List<PollText> PitchesOf(EventDefinition definition, SessionDefinition? block)
    {
        var pitches = definition.Sessions.Where(s => s.Kind == SessionKind.Pitch).ToList();
        var children = pitches.Where(s => block is not null && s.ParentSessionId == block.Id).ToList();
        return (children.Count > 0 ? children : pitches)
            .OrderBy(s => s.StartsAt)
            .Select(s => new PollText(s.Title.De, s.Title.En))
            .ToList();
    }

    private static void CheckText(string field, PollText? text, int maxLength, Action<string, string> fail)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.De) && string.IsNullOrWhiteSpace(text.En))
            fail(field, "A German or English text is required.");
        else if ((text.De?.Trim().Length ?? 0) > maxLength || (text.En?.Trim().Length ?? 0) > maxLength)
            fail(field, $"At most {maxLength} characters.");
        else if ((Problem(text.De) ?? Problem(text.En)) is { } problem)
            fail(field, problem);

        string? Problem(string? language) =>
            string.IsNullOrWhiteSpace(language) ? null : UserText.Clean(language, maxLength, "The text").Error;
    }

    // Attendees see these texts: NFC like every other text people type (CheckText refused the rest).
    private static PollText Trim(PollText text) => new(
        string.IsNullOrWhiteSpace(text.De) ? null : UserText.Normalise(text.De.Trim()),
        string.IsNullOrWhiteSpace(text.En) ? null : UserText.Normalise(text.En.Trim()));

    private static string Name(PollKind kind) => kind.ToString().ToLowerInvariant();
}
