using System.Globalization;
using StackExchange.Redis;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// Everything a Redis database holds, as text: each key (found by SCAN) with every string, field, member, score,
/// list item and stream entry under it, so a test can look for a piece of personal data anywhere at all.
/// </summary>
internal static class RedisContents
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAllAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var db = connection.GetDatabase();
        var contents = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 500))
            contents[key!] = await ValuesAsync(db, key);
        return contents;
    }

    /// <summary>"key: value" lines of every key or value that contains one of <paramref name="needles"/>.</summary>
    public static IReadOnlyList<string> Containing(this IReadOnlyDictionary<string, IReadOnlyList<string>> contents, params string[] needles) =>
        contents.SelectMany(entry => entry.Value.Prepend(entry.Key).Select(text => (entry.Key, Text: text)))
            .Where(item => needles.Any(needle => item.Text.Contains(needle, StringComparison.OrdinalIgnoreCase)))
            .Select(item => $"{item.Key}: {item.Text}")
            .ToList();

    private static async Task<IReadOnlyList<string>> ValuesAsync(IDatabase db, RedisKey key) =>
        await db.KeyTypeAsync(key) switch
        {
            RedisType.String => [(string?)await db.StringGetAsync(key) ?? ""],
            RedisType.Hash => [.. (await db.HashGetAllAsync(key)).SelectMany(e => new[] { (string)e.Name!, (string?)e.Value ?? "" })],
            RedisType.Set => [.. (await db.SetMembersAsync(key)).Select(m => (string)m!)],
            RedisType.SortedSet => [.. (await db.SortedSetRangeByRankWithScoresAsync(key))
                .SelectMany(e => new[] { (string)e.Element!, e.Score.ToString(CultureInfo.InvariantCulture) })],
            RedisType.List => [.. (await db.ListRangeAsync(key)).Select(v => (string)v!)],
            RedisType.Stream => [.. (await db.StreamRangeAsync(key))
                .SelectMany(e => e.Values.SelectMany(v => new[] { (string)v.Name!, (string)v.Value! }).Prepend((string)e.Id!))],
            _ => [],
        };
}
