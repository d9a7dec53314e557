using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Platform.Storage.InMemory;
using VirtualMeet.Server.Tests.Features.Events;
using VirtualMeet.Server.Tests.Features.Registrations;

namespace VirtualMeet.Server.Tests.Platform.Storage.InMemory;

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

public sealed class InMemoryDeviceStoreTests : Tests.Platform.Identity.DeviceStoreContract
{
    private readonly InMemoryDeviceStore _store = new();

    protected override Server.Platform.Identity.IDeviceStore Store => _store;

    protected override IEventScopedData Purge => _store;
}

public sealed class InMemoryRevocationStoreTests : Tests.Platform.Identity.RevocationStoreContract
{
    protected override Server.Platform.Identity.IRevocationStore Store { get; } = new InMemoryRevocationStore(TimeProvider.System);
}
