using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

/// <summary>The single-node specification run against SignalR's own in-memory manager: the reference behaviour.</summary>
public sealed class DefaultHubLifetimeManagerTests : HubLifetimeManagerSpec
{
    protected override Task<HubLifetimeManager<TestHub>> CreateManagerAsync() =>
        Task.FromResult<HubLifetimeManager<TestHub>>(new DefaultHubLifetimeManager<TestHub>(NullLogger<DefaultHubLifetimeManager<TestHub>>.Instance));
}
