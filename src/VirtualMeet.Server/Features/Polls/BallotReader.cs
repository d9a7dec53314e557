using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Checks a ballot against its poll and turns it into the fields the store counts.</summary>
internal sealed class BallotReader(IOptions<PollsOptions> options)
{
    /// <exception cref="Refusal">The ballot does not fit the poll (nothing is counted).</exception>
    public IReadOnlyList<string> Read(PollDefinition poll, Ballot? ballot)
    {
        if (ballot is null)
            throw Refusal.InvalidArgument("A ballot is required.");

        return poll.Kind switch
        {
            PollKind.Rating => [ReadRating(poll, ballot)],
            PollKind.Wordcloud => [ReadWord(ballot)],
            _ => ReadChoices(poll, ballot),
        };
    }

    /// <summary>Lower case, trimmed, inner whitespace collapsed to one space: "  Fach KRÄFTE " counts as "fach kräfte".</summary>
    public static string NormalizeWord(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        // Text that is not Unicode (a lone surrogate) counts as no answer.
        foreach (var c in UserText.Normalise(text) ?? "")
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
                builder.Append(' ');
            pendingSpace = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static List<string> ReadChoices(PollDefinition poll, Ballot ballot)
    {
        if (ballot.Choices is not { Count: > 0 } choices)
            throw Refusal.InvalidArgument("Pick at least one option ('choices').");

        var max = poll.Kind == PollKind.MultipleChoice ? poll.MaxChoices ?? poll.Options.Count : 1;
        if (choices.Count > max)
            throw Refusal.InvalidArgument($"At most {max} option(s) may be picked; the ballot has {choices.Count}.");

        var fields = new List<string>(choices.Count);
        foreach (var choice in choices)
        {
            if (choice < 0 || choice >= poll.Options.Count)
                throw Refusal.InvalidArgument($"Option {choice} does not exist; options are 0 to {poll.Options.Count - 1}.");
            var field = choice.ToString(CultureInfo.InvariantCulture);
            if (fields.Contains(field))
                throw Refusal.InvalidArgument($"Option {choice} is picked twice.");
            fields.Add(field);
        }

        return fields;
    }

    private static string ReadRating(PollDefinition poll, Ballot ballot)
    {
        var (min, max) = (poll.RatingMin!.Value, poll.RatingMax!.Value);
        if (ballot.Rating is not { } rating)
            throw Refusal.InvalidArgument($"A rating from {min} to {max} is required ('rating').");
        if (rating < min || rating > max)
            throw Refusal.InvalidArgument($"Rating {rating} is outside the scale {min} to {max}.");
        return rating.ToString(CultureInfo.InvariantCulture);
    }

    private string ReadWord(Ballot ballot)
    {
        var max = options.Value.MaxWordLength;
        // Bound the work before normalising: a client may send a huge string (up to the hub message size).
        if (ballot.Text is null || ballot.Text.Length > max * 4)
            throw Refusal.InvalidArgument($"An answer of 1 to {max} characters is required ('text').");
        var word = NormalizeWord(ballot.Text);
        if (word.Length is 0 || word.Length > max)
            throw Refusal.InvalidArgument($"An answer of 1 to {max} characters is required ('text'); got {word.Length}.");
        if (UserText.Problem(word, "An answer") is { } problem)
            throw Refusal.InvalidArgument(problem);
        return word;
    }
}
