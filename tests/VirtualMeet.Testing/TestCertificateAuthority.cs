using System.Diagnostics;

namespace VirtualMeet.Testing;

/// <summary>
/// A certificate authority made by openssl for one test, and a server certificate it issued for 127.0.0.1 and
/// localhost: what a managed service with a private CA looks like. Valid for a day; the files live in the test's folder.
/// </summary>
public sealed class TestCertificateAuthority
{
    private TestCertificateAuthority(string directory)
    {
        CertificatePath = Path.Combine(directory, "ca.crt");
        ServerCertificatePath = Path.Combine(directory, "server.crt");
        ServerKeyPath = Path.Combine(directory, "server.key");
    }

    public string CertificatePath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    public static async Task<TestCertificateAuthority> CreateAsync(string directory, CancellationToken cancellationToken = default)
    {
        var authority = new TestCertificateAuthority(directory);
        var caKey = Path.Combine(directory, "ca.key");
        var request = Path.Combine(directory, "server.csr");
        var extensions = Path.Combine(directory, "server.ext");
        await File.WriteAllTextAsync(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", cancellationToken);
        await OpenSslAsync(directory, cancellationToken,
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", authority.CertificatePath,
            "-days", "1", "-subj", "/CN=VirtualMeet test CA");
        await OpenSslAsync(directory, cancellationToken,
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", authority.ServerKeyPath, "-out", request, "-subj", "/CN=localhost");
        await OpenSslAsync(directory, cancellationToken,
            "x509", "-req", "-in", request, "-CA", authority.CertificatePath, "-CAkey", caKey, "-CAcreateserial",
            "-out", authority.ServerCertificatePath, "-days", "1", "-extfile", extensions);
        return authority;
    }

    private static async Task OpenSslAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("openssl could not be started. Install it (apt-get install -y openssl) or run scripts/test.sh, which does.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {arguments[0]} failed with exit code {process.ExitCode}: {await error}");
        }
    }
}
