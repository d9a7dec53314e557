using System.Diagnostics;

namespace VirtualMeet.LoadTest;

/// <summary>Progress lines on standard error with the time since start, so a 20-minute report run shows where it is.</summary>
internal static class Progress
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static bool Quiet { get; set; }

    public static void Say(string line)
    {
        if (!Quiet)
            Console.Error.WriteLine($"[{Stopwatch.GetElapsedTime(Started):mm\\:ss}] {line}");
    }
}
