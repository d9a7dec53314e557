using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Features.Stage;

public sealed class InMemoryStageStoreTests : StageStoreContract
{
    private readonly InMemoryQuestionStore _questions = new();

    public InMemoryStageStoreTests()
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
