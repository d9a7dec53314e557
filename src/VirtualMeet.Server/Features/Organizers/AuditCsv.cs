using System.Globalization;
using System.Text;
using VirtualMeet.Contracts.Organizers;

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
                .Append(Quote(entry.ActorId)).Append(',')
                .Append(Quote(entry.ActorName ?? "")).Append(',')
                .Append(Quote(entry.Action)).Append(',')
                .Append(Quote(entry.Target)).Append(',')
                .Append(Quote(entry.Details ?? "")).Append('\n');
        }

        return csv.ToString();
    }

    // RFC 4180 quoting, and a leading quote mark against spreadsheet formula injection (names and details come from people).
    private static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
            text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
