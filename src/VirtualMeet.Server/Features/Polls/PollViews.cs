using System.Globalization;
using System.Text;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Polls;

/// <summary>Turns definitions and store tallies into the wire records, and results into CSV.</summary>
internal static class PollViews
{
    public static PollView View(PollDefinition poll, PollLifecycle lifecycle) => new(
        poll.Id, poll.EventId, poll.SessionId, poll.Question, poll.Kind, poll.Options, poll.MaxChoices,
        poll.RatingMin, poll.RatingMax, poll.Anonymous, poll.AllowChange, poll.ResultsVisibility,
        lifecycle.Status, poll.CreatedAt, lifecycle.OpenedAt, lifecycle.ClosesAt, lifecycle.ClosedAt);

    public static PollResultsView Results(PollDefinition poll, PollTally tally, int wordTop)
    {
        var counts = tally.Counts;
        long CountOf(int key) => counts.GetValueOrDefault(key.ToString(CultureInfo.InvariantCulture));

        IReadOnlyList<OptionCount> options = poll.Kind switch
        {
            PollKind.Rating => Enumerable.Range(poll.RatingMin!.Value, poll.RatingMax!.Value - poll.RatingMin.Value + 1)
                .Select(value => new OptionCount(value, CountOf(value))).ToList(),
            PollKind.Wordcloud => [],
            _ => Enumerable.Range(0, poll.Options.Count).Select(i => new OptionCount(i, CountOf(i))).ToList(),
        };

        IReadOnlyList<WordCount>? words = poll.Kind == PollKind.Wordcloud
            ? counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(wordTop).Select(c => new WordCount(c.Key, c.Value)).ToList()
            : null;

        double? average = null;
        if (poll.Kind == PollKind.Rating && options.Sum(o => o.Count) is var total and > 0)
            average = Math.Round(options.Sum(o => (double)o.Option * o.Count) / total, 3);

        // The pitch winner is revealed only once the vote is over; ties share the win.
        IReadOnlyList<int>? winners = null;
        if (poll.Kind == PollKind.Pitch && tally.Lifecycle.Status == PollStatus.Closed && options.Max(o => o.Count) is var best and > 0)
            winners = options.Where(o => o.Count == best).Select(o => o.Option).ToList();

        return new PollResultsView(poll.Id, poll.EventId, tally.Lifecycle.Version, tally.Lifecycle.Status, tally.Voters,
            options, words, average, winners);
    }

    /// <summary>Whether attendees may see the results now; managers always may.</summary>
    public static bool ResultsVisible(PollDefinition poll, PollLifecycle lifecycle) =>
        poll.ResultsVisibility == ResultsVisibility.Live ? lifecycle.Status != PollStatus.Draft : lifecycle.Status == PollStatus.Closed;

    /// <summary>One line per option (rating value, word): <c>option,text,count</c>, texts in <paramref name="language"/>.</summary>
    public static string Csv(PollDefinition poll, PollResultsView results, string language)
    {
        var csv = new StringBuilder();
        csv.Append("option,text,count\n");
        if (results.Words is { } words)
        {
            for (var i = 0; i < words.Count; i++)
                Line(csv, i.ToString(CultureInfo.InvariantCulture), words[i].Text, words[i].Count);
        }
        else
        {
            foreach (var option in results.Options)
            {
                var text = poll.Kind == PollKind.Rating
                    ? option.Option.ToString(CultureInfo.InvariantCulture)
                    : poll.Options[option.Option].In(language);
                Line(csv, option.Option.ToString(CultureInfo.InvariantCulture), text, option.Count);
            }
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, string option, string text, long count) =>
        csv.Append(option).Append(',').Append(CsvText.Quote(text)).Append(',')
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
