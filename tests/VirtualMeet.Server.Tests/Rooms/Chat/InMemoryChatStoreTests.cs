using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Rooms.Chat;

namespace VirtualMeet.Server.Tests.Rooms.Chat;

public sealed class InMemoryChatStoreTests : ChatStoreContract
{
    private readonly InMemoryChatStore _store = new();

    internal override IChatStore Store => _store;
}
