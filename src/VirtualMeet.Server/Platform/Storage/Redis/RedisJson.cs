using System.Text.Json;

namespace VirtualMeet.Server.Platform.Storage.Redis;

/// <summary>How records are serialized into Redis strings.</summary>
internal static class RedisJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) where T : class =>
        json is null ? null : JsonSerializer.Deserialize<T>(json, Options);
}
