using System.Globalization;

namespace VirtualMeet.LoadTest.Cluster;

/// <summary>
/// Every connection is a file descriptor in the tool and one in a server; the common default of 1,024 open
/// files stops a 10k run half way with confusing socket errors, so the tool checks up front.
/// </summary>
internal static class FileLimits
{
    public static void Require(int descriptors)
    {
        var soft = OpenFilesLimit();
        if (soft is { } limit && limit < descriptors)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"This run needs about {descriptors:N0} open files but the limit is {limit:N0}. Raise it first (ulimit -n {descriptors}; scripts/perf.sh raises the soft limit to the hard one)."));
        }
    }

    /// <summary>The soft "Max open files" limit from /proc/self/limits; null where that file does not exist.</summary>
    private static long? OpenFilesLimit()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path))
            return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft is null || soft == "unlimited" ? null : long.Parse(soft, CultureInfo.InvariantCulture);
    }
}
