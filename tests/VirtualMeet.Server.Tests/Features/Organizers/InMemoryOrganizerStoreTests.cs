using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Organizers;
using VirtualMeet.Server.Platform.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Features.Organizers;

public sealed class InMemoryOrganizerStoreTests : OrganizerStoreContract
{
    private readonly InMemoryOrganizerStore _store = new();

    internal override IOrganizerStore Store => _store;

    internal override IEventScopedData Purge => _store;
}
