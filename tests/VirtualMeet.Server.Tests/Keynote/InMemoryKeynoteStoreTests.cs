using VirtualMeet.Server.Keynote;
using VirtualMeet.Server.Storage;
using VirtualMeet.Server.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Keynote;

public sealed class InMemoryKeynoteStoreTests : KeynoteStoreContract
{
    private readonly InMemoryQuestionStore _questions = new();

    public InMemoryKeynoteStoreTests()
    {
        Stages = new InMemoryStageStore(Time);
        Reactions = new InMemoryReactionStore(Time);
    }

    internal override IStageStore Stages { get; }

    internal override IReactionStore Reactions { get; }

    internal override IQuestionStore Questions => _questions;

    internal override IAttendeeScopedData QuestionErasure => _questions;

    protected override Task LetClaimsExpireAsync()
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }
}
