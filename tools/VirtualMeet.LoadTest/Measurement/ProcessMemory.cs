using System.Globalization;

namespace VirtualMeet.LoadTest.Measurement;

/// <summary>Reads a process's resident memory from <c>/proc/{pid}/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            // "VmRSS:    123456 kB"
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{processId}/status.");
    }
}
