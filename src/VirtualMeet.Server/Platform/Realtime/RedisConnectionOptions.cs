namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// What the Redis connection string cannot say: section <c>Redis</c>. The connection itself is
/// <c>ConnectionStrings:Redis</c> (StackExchange.Redis syntax, with <c>user=</c>, <c>password=</c> and <c>ssl=true</c>).
/// </summary>
public sealed class RedisConnectionOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// A PEM file of the certificate authority that issued the Redis server's TLS certificate, trusted for this
    /// connection only (a private CA of a managed Redis). Empty: the system's trust store decides.
    /// </summary>
    public string? CaCertificatePath { get; set; }
}
