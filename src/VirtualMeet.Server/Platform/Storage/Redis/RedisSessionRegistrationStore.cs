using StackExchange.Redis;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Registrations;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>Seats and waitlists as sorted sets scored by registration order; changes run as Lua scripts.</summary>
internal sealed class RedisSessionRegistrationStore(RedisStoreDatabase redis) : ISessionRegistrationStore
{
    private const int Unlimited = -1;

    public async Task<SessionPlace> RegisterAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken)
    {
        // Once: registering and cancelling draw sequence numbers and move people between seats and the waitlist.
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisRegistrationScripts.Register,
            SeatKeys(eventId, sessionId, attendeeId),
            [attendeeId, capacity ?? Unlimited, sessionId])))!;
        return ToPlace(result);
    }

    public async Task<Cancellation> CancelAsync(string eventId, string sessionId, string attendeeId, int? capacity, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Once(db => db.ScriptEvaluateAsync(
            RedisRegistrationScripts.Cancel,
            SeatKeys(eventId, sessionId, attendeeId),
            [attendeeId, capacity ?? Unlimited, sessionId])))!;
        var previous = (int)result[0] switch
        {
            1 => SessionRegistrationStatus.Confirmed,
            2 => SessionRegistrationStatus.Waitlisted,
            _ => SessionRegistrationStatus.None,
        };
        return new Cancellation(previous, result.Skip(1).Select(r => (string)r!).ToList());
    }

    public async Task<SessionPlace> GetAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.Idempotent(db => db.ScriptEvaluateAsync(
            RedisRegistrationScripts.Place,
            [RedisKeys.SessionSeats(eventId, sessionId), RedisKeys.SessionWaitlist(eventId, sessionId)],
            [attendeeId])))!;
        return ToPlace(result);
    }

    public async Task<IReadOnlyList<string>> GetSessionsOfAsync(string eventId, string attendeeId, CancellationToken cancellationToken)
    {
        var members = await redis.Idempotent(db => db.SetMembersAsync(RedisKeys.AttendeeSessions(eventId, attendeeId)));
        return members.Select(m => (string)m!).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<SessionRoster> GetRosterAsync(string eventId, string sessionId, CancellationToken cancellationToken)
    {
        // One transaction so the two lists are of the same moment.
        var (confirmed, waitlist) = await redis.Idempotent(async db =>
        {
            var transaction = db.CreateTransaction();
            var confirmed = transaction.SortedSetRangeByRankAsync(RedisKeys.SessionSeats(eventId, sessionId));
            var waitlist = transaction.SortedSetRangeByRankAsync(RedisKeys.SessionWaitlist(eventId, sessionId));
            await transaction.ExecuteAsync();
            return (await confirmed, await waitlist);
        });
        return new SessionRoster(
            confirmed.Select(m => (string)m!).ToList(),
            waitlist.Select(m => (string)m!).ToList());
    }

    private static RedisKey[] SeatKeys(string eventId, string sessionId, string attendeeId) =>
    [
        RedisKeys.SessionSeats(eventId, sessionId),
        RedisKeys.SessionWaitlist(eventId, sessionId),
        RedisKeys.RegistrationSequence(eventId),
        RedisKeys.AttendeeSessions(eventId, attendeeId),
    ];

    private static SessionPlace ToPlace(RedisResult[] result) => (int)result[0] switch
    {
        1 => SessionPlace.Confirmed,
        2 => SessionPlace.Waitlisted((int)result[1]),
        _ => SessionPlace.None,
    };
}
