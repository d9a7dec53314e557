using VirtualMeet.Server.Registrations;

namespace VirtualMeet.Server.Storage.Redis;

internal sealed class RedisAttendeeStore(RedisStoreDatabase redis) : IAttendeeStore
{
    public Task AddAsync(Attendee attendee, CancellationToken cancellationToken) =>
        redis.Database.StringSetAsync(RedisKeys.Attendee(attendee.EventId, attendee.Id), RedisJson.Serialize(attendee));

    public async Task<Attendee?> GetAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<Attendee>(await redis.Database.StringGetAsync(RedisKeys.Attendee(eventId, attendeeId)));

    public Task<bool> DeleteAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        redis.Database.KeyDeleteAsync(RedisKeys.Attendee(eventId, attendeeId));
}
