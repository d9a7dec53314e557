using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Platform.Audit;

/// <summary>The audit log. Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Entries kept per event; the oldest go once there are more.</summary>
    [Range(100, 1_000_000)]
    public int MaxEntriesPerEvent { get; set; } = 10_000;

    /// <summary>The most entries one page of the export holds (JSON and CSV alike).</summary>
    [Range(10, 100_000)]
    public int MaxPageSize { get; set; } = 1_000;
}
