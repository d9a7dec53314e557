namespace VirtualMeet.Server.Platform.Audit;

/// <summary>The action words of the audit log (docs/api.md lists them), named here once.</summary>
internal static class AuditActions
{
    public const string ChatDelete = "chat.delete";
    public const string ChatMute = "chat.mute";
    public const string QuestionModerate = "question.moderate";
    public const string StageSet = "stage.set";
    public const string BreakoutsAnnounce = "breakouts.announce";
    public const string BreakoutsClose = "breakouts.close";
    public const string BreakoutMove = "breakout.move";
    public const string BreakoutRemove = "breakout.remove";
    public const string BreakoutVideoLink = "breakout.video-link";
    public const string PollCreate = "poll.create";
    public const string PollOpen = "poll.open";
    public const string PollClose = "poll.close";
    public const string PersonToken = "person.token";
    public const string TeamAssign = "team.assign";
    public const string TeamRemove = "team.remove";
    public const string EventImport = "event.import";
    public const string RegistrationMode = "registration.mode";
    public const string InvitationsGenerate = "invitations.generate";
    public const string TicketsImport = "tickets.import";
}
