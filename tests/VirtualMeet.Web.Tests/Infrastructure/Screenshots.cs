using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// Screenshots kept as test artifacts: <c>artifacts/test-results/screenshots/&lt;TestClass&gt;/&lt;name&gt;.png</c> under
/// the repository root, next to the TRX reports of scripts/test.sh.
/// </summary>
public static class Screenshots
{
    public static string Folder => RepositoryPaths.File("artifacts", "test-results", "screenshots");

    /// <summary>Saves the whole page (not only the viewport) and returns the file's path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(Folder, CurrentTestClassName(), FileName(name) + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string CurrentTestClassName()
    {
        var fullName = TestContext.Current.TestClass?.TestClassName ?? "Unknown";
        return fullName[(fullName.LastIndexOf('.') + 1)..];
    }

    private static string FileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
}
