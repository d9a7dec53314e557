using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>
/// Turns readiness off as soon as the host starts stopping, so a load balancer drains this node while
/// in-flight work finishes within <see cref="HostingOptions.ShutdownTimeout"/>.
/// </summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The node is shutting down.")
            : HealthCheckResult.Healthy());
}
