using System.Globalization;
using System.Text;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Organizers;

/// <summary>The audit log as CSV, one line per entry, oldest first.</summary>
internal static class AuditCsv
{
    public const string Header = "sequence,at,actorId,actorName,action,target,details";

    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var entry in entries)
        {
            csv.Append(entry.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvText.Quote(entry.ActorId)).Append(',')
                .Append(CsvText.Quote(entry.ActorName ?? "")).Append(',')
                .Append(CsvText.Quote(entry.Action)).Append(',')
                .Append(CsvText.Quote(entry.Target)).Append(',')
                .Append(CsvText.Quote(entry.Details ?? "")).Append('\n');
        }

        return csv.ToString();
    }
}
