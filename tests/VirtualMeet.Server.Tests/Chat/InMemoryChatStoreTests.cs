using VirtualMeet.Server.Chat;
using VirtualMeet.Server.Storage;
using VirtualMeet.Server.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Chat;

public sealed class InMemoryChatStoreTests : ChatStoreContract
{
    private readonly InMemoryChatStore _store = new();

    internal override IChatStore Store => _store;

    internal override IAttendeeScopedData Erasure => _store;
}
