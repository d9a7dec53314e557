using System.Text.RegularExpressions;

namespace VirtualMeet.Server.Tests.Docs;

/// <summary>
/// docs/security.md names, for every threat, the test that proves the limit. The table is the abuse suite
/// (<c>scripts/abuse.sh</c> runs exactly the classes it names), so a renamed or deleted test must fail here rather
/// than leave a row that proves nothing.
/// </summary>
public sealed partial class SecurityTableTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void EveryTestTheSecurityTableNamesExists()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var declared = string.Join('\n', sources.Select(File.ReadAllText));
        var names = TestNamesOfTheTable().ToList();
        Assert.True(names.Count > 50, $"Only {names.Count} test names were found in docs/security.md; did its tables change shape?");

        var missing = names.Where(name => !IsDeclared(name, sources, declared)).ToList();

        Assert.True(missing.Count == 0, "docs/security.md names tests that do not exist: " + string.Join(", ", missing));
    }

    /// <summary>Backticked names in the "test" column that look like test classes, methods or paths to them.</summary>
    internal static IEnumerable<string> TestNamesOfTheTable()
    {
        foreach (var line in File.ReadLines(Path.Combine(Root, "docs", "security.md")))
        {
            var cells = line.Trim().Trim('|').Split('|');
            if (!line.StartsWith('|') || cells.Length < 3 || cells[0].Trim() == "threat" || cells[0].StartsWith("---", StringComparison.Ordinal))
                continue;
            foreach (Match match in Backticked().Matches(cells[2]))
            {
                var name = match.Groups[1].Value;
                if (TestName().IsMatch(name))
                    yield return name;
            }
        }
    }

    private static bool IsDeclared(string name, List<string> sources, string declared)
    {
        var parts = name.Replace(".cs", "", StringComparison.Ordinal).Split('/');
        var member = parts[^1].Split('.');
        var folders = parts[..^1];
        foreach (var part in member)
        {
            var declaration = part.EndsWith("Tests", StringComparison.Ordinal) ? $"class {part}" : $" {part}(";
            if (!declared.Contains(declaration, StringComparison.Ordinal))
                return false;
        }

        if (folders.Length == 0)
            return true;
        var file = Path.Combine([.. folders, member[0] + ".cs"]);
        return sources.Any(path => path.EndsWith(Path.DirectorySeparatorChar + file, StringComparison.Ordinal));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VirtualMeet.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("VirtualMeet.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    // A class ending in Tests, or a method name of at least three words, optionally after folders and a class.
    [GeneratedRegex(@"^([A-Za-z]+/)*([A-Z][A-Za-z0-9]*Tests(\.cs)?(\.[A-Z][a-z0-9]+([A-Z][a-z0-9]*){2,})?|[A-Z][a-z0-9]+([A-Z][a-z0-9]*){2,})$")]
    private static partial Regex TestName();
}
