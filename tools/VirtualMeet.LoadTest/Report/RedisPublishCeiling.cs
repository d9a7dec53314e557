using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Report;

/// <summary>
/// The ceiling a Redis backplane cannot beat on this machine: raw <c>PUBLISH</c>es per second measured with
/// redis-benchmark against a private redis-server, with two subscribers on the channel (one per node, as with two
/// nodes) and a payload the size of a typical push.
/// </summary>
internal static partial class RedisPublishCeiling
{
    public const int Subscribers = 2;
    public const int PayloadBytes = 256;
    public const int Requests = 200_000;
    public const int Clients = 50;

    public static async Task<PublishCeiling> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var redis = await RedisProcess.StartAsync(cancellationToken);
        var port = redis.Port.ToString(CultureInfo.InvariantCulture);
        var subscribers = Enumerable.Range(0, Subscribers).Select(_ => Process.Start(new ProcessStartInfo("redis-cli", ["-p", port, "subscribe", "vm:bench"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!).ToList();
        try
        {
            foreach (var subscriber in subscribers)
                _ = subscriber.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
            var arguments = Command(port);
            var output = await ExternalTool.RunAsync("redis-benchmark", arguments, TimeSpan.FromMinutes(3));
            var match = RequestsPerSecond().Match(output);
            var rate = match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"Unexpected redis-benchmark output: {output}");
            return new PublishCeiling("redis-benchmark " + string.Join(' ', arguments).Replace(port, "<port>", StringComparison.Ordinal).Replace(Payload, $"<{PayloadBytes} bytes>", StringComparison.Ordinal), rate);
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Kill();
                subscriber.Dispose();
            }
        }
    }

    private static readonly string Payload = new('x', PayloadBytes);

    private static string[] Command(string port) =>
        ["-h", "127.0.0.1", "-p", port, "-q", "-n", Requests.ToString(CultureInfo.InvariantCulture), "-c", Clients.ToString(CultureInfo.InvariantCulture), "PUBLISH", "vm:bench", Payload];

    [GeneratedRegex(@"([0-9.]+) requests per second")]
    private static partial Regex RequestsPerSecond();
}

/// <param name="Command">The exact command (port and payload abbreviated).</param>
internal sealed record PublishCeiling(string Command, double PublishesPerSecond);
