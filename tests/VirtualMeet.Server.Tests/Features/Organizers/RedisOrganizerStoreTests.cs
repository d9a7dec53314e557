using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Organizers;
using VirtualMeet.Server.Platform.Storage.Redis;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Organizers;

/// <summary>The contract against a private redis-server.</summary>
public sealed class RedisOrganizerStoreTests(RedisStoreFixture redis) : OrganizerStoreContract, IClassFixture<RedisStoreFixture>
{
    internal override IOrganizerStore Store { get; } = new RedisOrganizerStore(redis.Database);

    internal override IEventScopedData Purge { get; } = new RedisEventPurge(redis.Database);
}
