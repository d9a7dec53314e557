using System.Diagnostics;
using System.Globalization;
using VirtualMeet.LoadTest.Cluster;

namespace VirtualMeet.LoadTest.Scenarios;

/// <summary>
/// More connections than one load-tool process can open: every process has at most about 20,000 file descriptors
/// here (ulimit -Hn), so the clients come from several child processes of this tool (<c>run hold</c>), each
/// registering and connecting its share round-robin over the nodes, while this process only counts. Held means held
/// by all children at the same moment, every second of the hold.
/// </summary>
internal static class SplitHoldScenario
{
    /// <summary>Registration and ramp of one child's share on a busy 2-core machine; longer is a hang.</summary>
    private static readonly TimeSpan RampBound = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(30);

    public static async Task<SplitHoldResult> RunAsync(LocalCluster cluster, int connections, int processes, TimeSpan hold, CancellationToken cancellationToken)
    {
        var before = cluster.ResidentBytes();
        var share = connections / processes;
        var targets = string.Join(',', cluster.Deployment.Targets);
        var holders = new List<HolderProcess>();
        try
        {
            for (var i = 0; i < processes; i++)
                holders.Add(HolderProcess.Start(i, targets, cluster.Deployment.OrganizerKey, share, RampBound + hold + TimeSpan.FromMinutes(5)));
            var started = Stopwatch.GetTimestamp();
            var ramps = await Task.WhenAll(holders.Select(h => h.WaitUntilRampedAsync(RampBound, cancellationToken)));
            var rampTime = Stopwatch.GetElapsedTime(started);
            var held = ramps.Sum(r => r.Held);
            Progress.Say($"  {held:N0} connected by {processes} processes ({ramps.Sum(r => r.Failures):N0} failed); holding for {hold.TotalSeconds:0} s");
            var lowest = held;
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
            for (var elapsed = TimeSpan.Zero; elapsed < hold; elapsed += TimeSpan.FromSeconds(1))
            {
                await tick.WaitForNextTickAsync(cancellationToken);
                held = (await Task.WhenAll(holders.Select(h => h.CountAsync(AnswerBound, cancellationToken)))).Sum();
                lowest = Math.Min(lowest, held);
            }

            var after = cluster.ResidentBytes();
            Progress.Say($"  held {held:N0} (lowest {lowest:N0}); server RSS {after / 1048576.0:0} MB");
            return new SplitHoldResult(connections, processes, held, lowest, ramps.Sum(r => r.Failures), rampTime,
                ramps.Select(r => r.FirstError).FirstOrDefault(e => e.Length > 0), after, held > 0 ? (after - before) / (double)held : null);
        }
        finally
        {
            foreach (var holder in holders)
                await holder.DisposeAsync();
        }
    }

    /// <summary>
    /// One child process of this tool running <c>run hold</c>; it answers on standard output: <c>ramped HELD FAILED
    /// [ERROR]</c> once, then <c>held N</c> for every <c>count</c> it reads; <c>stop</c> (or the end of input) ends it.
    /// </summary>
    private sealed class HolderProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly int _index;

        private HolderProcess(Process process, int index)
        {
            _process = process;
            _index = index;
        }

        public static HolderProcess Start(int index, string targets, string organizerKey, int connections, TimeSpan maximum)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         typeof(SplitHoldScenario).Assembly.Location, "run", "hold", "--target", targets, "--organizer-key", organizerKey,
                         "--connections", connections.ToString(CultureInfo.InvariantCulture),
                         "--max-seconds", ((int)maximum.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                     })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("A holder process did not start.");
            // Its progress lines go to ours, marked; draining them also keeps a full pipe from blocking the child.
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                    Progress.Say(string.Create(CultureInfo.InvariantCulture, $"  [holder {index}] {line}"));
            };
            process.BeginErrorReadLine();
            return new HolderProcess(process, index);
        }

        public async Task<(int Held, int Failures, string FirstError)> WaitUntilRampedAsync(TimeSpan bound, CancellationToken cancellationToken)
        {
            var words = await ReadAnswerAsync("ramped", bound, cancellationToken);
            return (int.Parse(words[1], CultureInfo.InvariantCulture), int.Parse(words[2], CultureInfo.InvariantCulture), string.Join(' ', words.Skip(3)));
        }

        public async Task<int> CountAsync(TimeSpan bound, CancellationToken cancellationToken)
        {
            await _process.StandardInput.WriteLineAsync("count".AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            return int.Parse((await ReadAnswerAsync("held", bound, cancellationToken))[1], CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    await _process.StandardInput.WriteLineAsync("stop");
                    _process.StandardInput.Close();
                }

                // Closing 15,000 connections takes a while on a busy machine; after that, it is killed.
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            }
            catch (Exception ex) when (ex is TimeoutException or IOException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private async Task<string[]> ReadAnswerAsync(string word, TimeSpan bound, CancellationToken cancellationToken)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(bound);
            var line = await _process.StandardOutput.ReadLineAsync(limit.Token)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Holder {_index} ended without answering '{word}' (exit code {(_process.HasExited ? _process.ExitCode : -1)})."));
            var words = line.Split(' ');
            return words[0] == word ? words : throw new InvalidOperationException($"Holder {_index} answered '{line}' instead of '{word}'.");
        }
    }
}

/// <param name="Processes">How many load-tool processes the clients came from.</param>
/// <param name="BytesPerConnection">Growth of the nodes' resident memory over the ramp, per held connection.</param>
internal sealed record SplitHoldResult(
    int Requested, int Processes, int Held, int LowestHeld, int Failures, TimeSpan RampTime, string? FirstError, long ServerResidentBytes, double? BytesPerConnection);
