using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Storage;

/// <summary>Where conference state lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>InMemory</c> (single node, the default) or <c>Redis</c> (uses <c>ConnectionStrings:Redis</c>).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.InMemory;

    /// <summary>
    /// Permits the Redis backplane together with in-memory stores. Only safe on a single node: with several
    /// nodes each would hold its own diverging copy of the conference.
    /// </summary>
    public bool AllowInMemoryWithRedisBackplane { get; set; }
}

public enum StorageProvider
{
    InMemory,
    Redis,
}

/// <summary>Refuses configurations that would start but silently misbehave.</summary>
internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public const string BackplaneKey = "Realtime:Backplane";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider == StorageProvider.Redis && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
        {
            return ValidateOptionsResult.Fail(
                "Storage:Provider is Redis but ConnectionStrings:Redis is not set. Set it, e.g. \"localhost:6379\".");
        }

        var backplane = configuration[BackplaneKey];
        if (options.Provider == StorageProvider.InMemory
            && string.Equals(backplane, "Redis", StringComparison.OrdinalIgnoreCase)
            && !options.AllowInMemoryWithRedisBackplane)
        {
            return ValidateOptionsResult.Fail(
                "Realtime:Backplane is Redis but Storage:Provider is InMemory: several nodes would each keep their own " +
                "conference state and diverge. Set Storage:Provider=Redis, or Storage:AllowInMemoryWithRedisBackplane=true " +
                "if exactly one node runs.");
        }

        return ValidateOptionsResult.Success;
    }
}
