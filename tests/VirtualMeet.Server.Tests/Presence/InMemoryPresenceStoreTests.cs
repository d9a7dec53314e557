using VirtualMeet.Server.Presence;
using VirtualMeet.Server.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Presence;

public sealed class InMemoryPresenceStoreTests : PresenceStoreContract
{
    internal override IPresenceStore Store { get; } = new InMemoryPresenceStore();
}
