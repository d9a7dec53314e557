namespace VirtualMeet.Server.Platform.Text;

/// <summary>The one way exports write a text cell of CSV.</summary>
internal static class CsvText
{
    /// <summary>
    /// RFC 4180 quoting, and a leading quote mark against spreadsheet formula injection: names and texts in exports are
    /// what people typed.
    /// </summary>
    public static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
            text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
