namespace VirtualMeet.Contracts.Stage;

/// <summary>
/// What the server pushes to clients of <c>/hubs/keynote</c> that joined a stage. Every push names its stage and
/// carries a version: apply it only when newer than what is shown; after a gap, call <c>JoinStage</c> again.
/// </summary>
public interface IStageClient
{
    /// <summary>A moderator changed the stage (status, streams, speaker, title, replay).</summary>
    Task StageUpdated(StageView stage);

    /// <summary>Viewers across all nodes; at most a few times per second.</summary>
    Task ViewerCount(ViewerCountUpdate update);

    /// <summary>Reactions since the previous push, summed over all nodes; at most a few times per second.</summary>
    Task Reactions(ReactionsUpdate update);

    Task ChatReceived(StageChatMessage message);

    Task ChatDeleted(StageChatDeleted deleted);

    /// <summary>A question was asked, upvoted or moderated. Hidden questions arrive without text, to be removed.</summary>
    Task QuestionUpdated(QuestionView question);
}
