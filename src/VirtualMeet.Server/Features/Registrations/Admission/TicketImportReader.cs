using System.Text;
using System.Text.Json;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.Hosting.Problems;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>
/// Reads a ticket import: a JSON array of tickets, or CSV (<c>text/csv</c>) with a header naming the columns
/// <c>ticketId,name,email</c> and optionally <c>category</c>, in any order, separated by commas or semicolons (what
/// spreadsheets in Germany write). Rows are named in errors as <c>[i]</c> (JSON, from 0) or <c>line n</c> (CSV, the
/// header is line 1), so the organiser finds the row to fix.
/// </summary>
internal static class TicketImportReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly string[] Required = ["ticketId", "name", "email"];

    public static async Task<IReadOnlyList<(string Row, TicketDefinition Ticket)>> ReadAsync(
        HttpRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ReadCsv(await reader.ReadToEndAsync(cancellationToken), errors);
        }

        if (!request.HasJsonContentType())
        {
            errors.Add("body", "Send the tickets as application/json (an array) or text/csv.");
            return [];
        }

        try
        {
            var tickets = await JsonSerializer.DeserializeAsync<List<TicketDefinition?>>(request.Body, Options, cancellationToken);
            if (tickets is null)
            {
                errors.Add("body", "The body is empty or null; send an array of tickets.");
                return [];
            }

            var rows = new List<(string, TicketDefinition)>(tickets.Count);
            for (var i = 0; i < tickets.Count; i++)
            {
                if (tickets[i] is { } ticket)
                    rows.Add(($"[{i}]", ticket));
                else
                    errors.Add($"[{i}]", "A ticket may not be null.");
            }

            return rows;
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "body" : e.Path.TrimStart('$', '.');
            errors.Add(path.Length == 0 ? "body" : path, e.Message);
            return [];
        }
    }

    internal static IReadOnlyList<(string Row, TicketDefinition Ticket)> ReadCsv(string text, ValidationErrors errors)
    {
        var lines = CsvLines(text.TrimStart('\uFEFF')).ToList();
        if (lines.Count == 0)
        {
            errors.Add("line 1", "The CSV is empty; its first line names the columns: ticketId,name,email,category.");
            return [];
        }

        var header = lines[0].Fields.Select(f => f.Trim()).ToList();
        var column = Required.Append("category").ToDictionary(
            name => name, name => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)));
        var missing = Required.Where(name => column[name] < 0).ToList();
        if (missing.Count > 0)
        {
            errors.Add("line 1", $"The header lacks {string.Join(", ", missing)}; it names the columns: ticketId,name,email,category.");
            return [];
        }

        string? Field(List<string> fields, string name) =>
            column[name] is >= 0 and var index && index < fields.Count ? fields[index] : null;

        return lines.Skip(1)
            .Where(line => line.Fields.Any(f => f.Trim().Length > 0))
            .Select(line => ($"line {line.Number}", new TicketDefinition(
                Field(line.Fields, "ticketId")!, Field(line.Fields, "name")!, Field(line.Fields, "email")!, Field(line.Fields, "category"))))
            .ToList();
    }

    /// <summary>RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks.</summary>
    private static IEnumerable<(int Number, List<string> Fields)> CsvLines(string text)
    {
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var headerLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = headerLine.Contains(';', StringComparison.Ordinal) && !headerLine.Contains(',', StringComparison.Ordinal) ? ';' : ',';

        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, startLine, quoted, any) = (1, 1, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    (field, i) = (field.Append('"'), i + 1);
                else if (c == '"')
                    quoted = false;
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }

                continue;
            }

            any = true;
            if (c == '"')
                quoted = true;
            else if (c == separator)
                (fields, field) = (Add(fields, field), new StringBuilder());
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                yield return (startLine, Add(fields, field));
                (fields, field, any) = ([], new StringBuilder(), false);
                startLine = ++line;
            }
            else
                field.Append(c);
        }

        if (any || field.Length > 0 || fields.Count > 0)
            yield return (startLine, Add(fields, field));
    }

    private static List<string> Add(List<string> fields, StringBuilder field)
    {
        fields.Add(field.ToString());
        return fields;
    }
}
