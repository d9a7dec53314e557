using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Rooms.Presence;

namespace VirtualMeet.Server.Tests.Rooms.Presence;

public sealed class InMemoryPresenceStoreTests : PresenceStoreContract
{
    internal override IPresenceStore Store { get; } = new InMemoryPresenceStore();
}
