using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>Process-level settings: section <c>Hosting</c>.</summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// How long a stopping node keeps serving in-flight requests and hub calls after it has reported itself
    /// not ready, so a load balancer stops sending new work first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A stable name for this node in logs, metrics and the node registry; defaults to host name and process id.</summary>
    [MaxLength(100)]
    public string? NodeName { get; set; }

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the node believes: addresses
    /// (<c>10.0.0.5</c>) or networks (<c>172.16.0.0/12</c>). Loopback is always trusted. Without the right entry
    /// behind a proxy, every caller seems to come from the proxy and shares one sign-up budget.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
