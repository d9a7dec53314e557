using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations.Admission;
using VirtualMeet.Server.Platform.Storage.InMemory;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

public sealed class InMemoryAdmissionStoreTests : AdmissionStoreContract
{
    private readonly InMemoryAdmissionStore _store = new();

    internal override IAdmissionStore Store => _store;

    internal override IEventScopedData Purge => _store;
}
