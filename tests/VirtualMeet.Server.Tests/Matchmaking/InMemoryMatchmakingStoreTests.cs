using VirtualMeet.Server.Matchmaking;
using VirtualMeet.Server.Storage;
using VirtualMeet.Server.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Matchmaking;

public sealed class InMemoryMatchmakingStoreTests : MatchmakingStoreContract
{
    private readonly InMemoryMatchmakingStore _store = new();

    internal override IMatchmakingStore Store => _store;

    internal override IAttendeeScopedData Erasure => _store;
}
