using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Features.Networking.Matchmaking;

public sealed class InMemoryMatchmakingStoreTests : MatchmakingStoreContract
{
    private readonly InMemoryMatchmakingStore _store = new();

    internal override IMatchmakingStore Store => _store;
}
