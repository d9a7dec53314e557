using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>The attendees of an event in one hash (attendee id → JSON): a lookup reads one field, a report one HGETALL.</summary>
internal sealed class RedisAttendeeStore(RedisStoreDatabase redis) : IAttendeeStore
{
    public Task AddAsync(Attendee attendee, CancellationToken cancellationToken) =>
        redis.Idempotent(db => db.HashSetAsync(RedisKeys.Attendees(attendee.EventId), attendee.Id, RedisJson.Serialize(attendee)));

    public async Task<Attendee?> GetAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        RedisJson.Deserialize<Attendee>(await redis.Idempotent(db => db.HashGetAsync(RedisKeys.Attendees(eventId), attendeeId)));

    // Once: a second HDEL would answer false.
    public Task<bool> DeleteAsync(string eventId, string attendeeId, CancellationToken cancellationToken) =>
        redis.Once(db => db.HashDeleteAsync(RedisKeys.Attendees(eventId), attendeeId));

    public async Task<IReadOnlyList<Attendee>> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        // One HGETALL: a few milliseconds of Redis time even for thousands of attendees, and only exports ask.
        var entries = await redis.Idempotent(db => db.HashGetAllAsync(RedisKeys.Attendees(eventId)));
        return [.. entries.Select(entry => RedisJson.Deserialize<Attendee>(entry.Value)).OfType<Attendee>()];
    }
}
