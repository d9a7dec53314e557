using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Stage;

public sealed class InMemoryStageStoreTests : StageStoreContract
{
    private readonly InMemoryQuestionStore _questions = new(TestPseudonyms.Instance);

    public InMemoryStageStoreTests()
    {
        Stages = new InMemoryStageStore(Time);
        Reactions = new InMemoryReactionStore(Time);
    }

    internal override IStageStore Stages { get; }

    internal override IReactionStore Reactions { get; }

    internal override IQuestionStore Questions => _questions;

    protected override Task LetClaimsExpireAsync()
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }
}
