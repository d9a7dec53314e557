using VirtualMeet.Server.Tests.Features.Breakouts;
using VirtualMeet.Server.Tests.Features.Networking.Matchmaking;
using VirtualMeet.Server.Tests.Features.Polls;
using VirtualMeet.Server.Tests.Features.Stage;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Server.Tests.Platform.RateLimiting;
using VirtualMeet.Server.Tests.Rooms.Chat;
using VirtualMeet.Server.Tests.Rooms.Presence;

namespace VirtualMeet.Server.Tests.Platform.Storage.Redis;

// Every store contract once more against a Redis that admits only an ACL user, and once against one that speaks
// only TLS (with an ACL user, as managed services run it): the stores' commands and Lua scripts work through both.

public sealed class AclRedisEventStoreTests(AclRedisStoreFixture redis) : RedisEventStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisAttendeeStoreTests(AclRedisStoreFixture redis) : RedisAttendeeStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisSessionRegistrationStoreTests(AclRedisStoreFixture redis) : RedisSessionRegistrationStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisPresenceStoreTests(AclRedisStoreFixture redis) : RedisPresenceStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisBreakoutStoreTests(AclRedisStoreFixture redis) : RedisBreakoutStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisRateLimiterTests(AclRedisStoreFixture redis) : RedisRateLimiterTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisStageStoreTests(AclRedisStoreFixture redis) : RedisStageStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisChatStoreTests(AclRedisStoreFixture redis) : RedisChatStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisMatchmakingStoreTests(AclRedisStoreFixture redis) : RedisMatchmakingStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class AclRedisPollStoreTests(AclRedisStoreFixture redis) : RedisPollStoreTests(redis), IClassFixture<AclRedisStoreFixture>;

public sealed class TlsRedisEventStoreTests(TlsRedisStoreFixture redis) : RedisEventStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisAttendeeStoreTests(TlsRedisStoreFixture redis) : RedisAttendeeStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisSessionRegistrationStoreTests(TlsRedisStoreFixture redis) : RedisSessionRegistrationStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisPresenceStoreTests(TlsRedisStoreFixture redis) : RedisPresenceStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisBreakoutStoreTests(TlsRedisStoreFixture redis) : RedisBreakoutStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisRateLimiterTests(TlsRedisStoreFixture redis) : RedisRateLimiterTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisStageStoreTests(TlsRedisStoreFixture redis) : RedisStageStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisChatStoreTests(TlsRedisStoreFixture redis) : RedisChatStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisMatchmakingStoreTests(TlsRedisStoreFixture redis) : RedisMatchmakingStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;

public sealed class TlsRedisPollStoreTests(TlsRedisStoreFixture redis) : RedisPollStoreTests(redis), IClassFixture<TlsRedisStoreFixture>;
