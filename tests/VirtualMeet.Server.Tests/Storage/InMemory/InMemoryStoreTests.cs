using VirtualMeet.Server.Events;
using VirtualMeet.Server.Registrations;
using VirtualMeet.Server.Storage;
using VirtualMeet.Server.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Storage.InMemory;

public sealed class InMemoryEventStoreTests : EventStoreContract
{
    protected override IEventStore Store { get; } = new InMemoryEventStore();
}

public sealed class InMemoryAttendeeStoreTests : AttendeeStoreContract
{
    private readonly InMemoryAttendeeStore _store = new();

    protected override IAttendeeStore Store => _store;

    protected override IEventScopedData Purge => _store;
}

public sealed class InMemorySessionRegistrationStoreTests : SessionRegistrationStoreContract
{
    private readonly InMemorySessionRegistrationStore _store = new();

    protected override ISessionRegistrationStore Store => _store;

    protected override IEventScopedData Purge => _store;
}
