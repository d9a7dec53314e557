using Microsoft.Extensions.Options;
using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// Every <see cref="AuthOptions.RevocationSweepInterval"/>, checks this node's open connections against the stored
/// revocations and closes the revoked ones: the safety net under the relay's at-most-once messages. One store read
/// per distinct token (a browser's hubs share one).
/// </summary>
internal sealed partial class RevocationSweep(
    ConnectionIndex index,
    TokenRevocations revocations,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<RevocationSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.Value.RevocationSweepInterval, time);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unreachable: the next sweep tries again; connect requests are refused meanwhile.
                LogSweepFailed(ex);
            }
        }
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        var checkedTokens = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var live in index.All)
        {
            var user = live.Context.User!;
            var token = live.EventId + "/" + live.Subject + "/" + live.DeviceId + "/" + user.FindFirst("iat")?.Value;
            if (!checkedTokens.TryGetValue(token, out var revoked))
                checkedTokens[token] = revoked = await revocations.IsRevokedAsync(user, cancellationToken);
            if (revoked && !live.Revoked)
                live.Close();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking open connections against revocations failed")]
    private partial void LogSweepFailed(Exception exception);
}
