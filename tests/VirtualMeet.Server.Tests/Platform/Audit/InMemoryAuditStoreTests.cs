using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Platform.Audit;

public sealed class InMemoryAuditStoreTests : AuditStoreContract
{
    private readonly InMemoryAuditStore _store = new();

    internal override IAuditStore Store => _store;

    internal override IEventScopedData Purge => _store;
}
