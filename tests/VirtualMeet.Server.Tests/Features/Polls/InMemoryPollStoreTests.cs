using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Polls;

public sealed class InMemoryPollStoreTests : PollStoreContract
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryPollStore _store;

    public InMemoryPollStoreTests() => _store = new InMemoryPollStore(_time, TestPseudonyms.Instance);

    internal override IPollStore Store => _store;

    internal override IAttendeeScopedData Erasure => _store;

    internal override IEventScopedData Purge => _store;

    internal override void LetTimePass(TimeSpan by) => _time.Advance(by);
}
