namespace VirtualMeet.LoadTest.Report;

/// <summary>What the figures depend on: cores, runtime, and how busy the machine was before (and after) the run.</summary>
internal sealed record MachineFacts(int Cores, string Runtime, string Os, string LoadBefore, string CpuModel)
{
    /// <summary>The load average when the run ended; set once it has.</summary>
    public string LoadAfter { get; init; } = "n/a";

    public static MachineFacts Read() => new(
        Environment.ProcessorCount,
        Environment.Version.ToString(),
        Environment.OSVersion.ToString(),
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a",
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "n/a"
            : "n/a");
}
