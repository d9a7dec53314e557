using VirtualMeet.Server.Polls;
using VirtualMeet.Server.Storage;
using VirtualMeet.Server.Storage.InMemory;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Polls;

public sealed class InMemoryPollStoreTests : PollStoreContract
{
    private readonly InMemoryPollStore _store = new(new ManualTimeProvider());

    internal override IPollStore Store => _store;

    internal override IAttendeeScopedData Erasure => _store;

    internal override IEventScopedData Purge => _store;
}
