using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Stage;

namespace VirtualMeet.Server.Features.Stage;

/// <summary>Turns stored stage records and questions into what a receiver may see.</summary>
internal static class StageViews
{
    public static StageView Stage(SessionDefinition session, StageRecord? record, string? language)
    {
        var title = record?.Title ?? TitleOf(session, language);
        var status = record?.Status ?? StageStatus.Scheduled;
        return new StageView(
            session.Id,
            record?.Version ?? 0,
            status,
            record?.Sources ?? [],
            record?.Speaker,
            title,
            record?.StartsAt ?? session.StartsAt,
            status == StageStatus.Ended ? record?.ReplayUrl : null,
            record?.PreModeration ?? false);
    }

    /// <summary>The caller's language when a stream has it, else the session's language, else the first stream.</summary>
    public static string? DefaultLanguage(StageView stage, string? callerLanguage, string sessionLanguage) =>
        stage.Sources.FirstOrDefault(s => s.Language == callerLanguage)?.Language
        ?? stage.Sources.FirstOrDefault(s => s.Language == sessionLanguage)?.Language
        ?? (stage.Sources.Count > 0 ? stage.Sources[0].Language : null);

    /// <summary>
    /// <paramref name="seesAll"/> for moderators and the asker: everything. For the rest of the audience anonymous
    /// askers are masked and a hidden question comes without text (the receiver removes it).
    /// </summary>
    public static QuestionView Question(string sessionId, StoredQuestion q, bool seesAll)
    {
        var masked = q.Anonymous && !seesAll;
        var hidden = q.Status == QuestionStatus.Hidden && !seesAll;
        return new QuestionView(q.Id, sessionId, q.Version, q.Status, q.Pinned, q.Votes, q.Anonymous,
            masked ? null : q.AskerId, masked ? null : q.AskerName, hidden ? null : q.Text, q.AskedAt);
    }

    /// <summary>Pinned first, then most votes, then earliest.</summary>
    public static IEnumerable<StoredQuestion> Ranked(IEnumerable<StoredQuestion> questions) =>
        questions.OrderByDescending(q => q.Pinned).ThenByDescending(q => q.Votes).ThenBy(q => q.AskedAt).ThenBy(q => q.Id, StringComparer.Ordinal);

    private static string TitleOf(SessionDefinition session, string? language) =>
        (language == "de" ? session.Title.De ?? session.Title.En : session.Title.En ?? session.Title.De) ?? session.Id;
}
