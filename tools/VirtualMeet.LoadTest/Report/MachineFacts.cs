namespace VirtualMeet.LoadTest.Report;

/// <summary>What the figures depend on: cores, runtime, Redis version, and how busy the machine was before the run.</summary>
internal sealed record MachineFacts(int Cores, string Runtime, string Os, string LoadBefore, string CpuModel)
{
    public static MachineFacts Read() => new(
        Environment.ProcessorCount,
        Environment.Version.ToString(),
        Environment.OSVersion.ToString(),
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a",
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "n/a"
            : "n/a");
}
