using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Net.Sockets;
using System.Text;

namespace VirtualMeet.Testing;

/// <summary>A reply from Redis: a simple value, an error, or an array of replies.</summary>
public sealed record RespValue(string? Text, bool IsError = false, IReadOnlyList<RespValue>? Items = null)
{
    public override string ToString() =>
        Items is null ? Text ?? "(nil)" : "[" + string.Join(", ", Items) + "]";
}

/// <summary>
/// Speaks just enough RESP to run administrative commands in tests (CONFIG SET, CLIENT KILL, KEYS) on a
/// connection of its own, so that no test depends on the client library it is testing.
/// </summary>
internal static class RespClient
{
    public static Task<RespValue> ExecuteAsync(int port, IReadOnlyList<string> command) =>
        ExecuteAsync(port, user: null, password: null, caCertificatePath: null, command);

    /// <summary>Runs <paramref name="command"/> as an ACL user (AUTH first) and over TLS trusting only the given CA, when set.</summary>
    public static async Task<RespValue> ExecuteAsync(int port, string? user, string? password, string? caCertificatePath, IReadOnlyList<string> command)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        Stream stream = client.GetStream();
        if (caCertificatePath is not null)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, chain, _) => IssuedBy(certificate, caCertificatePath));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, timeout.Token);
            stream = tls;
        }

        await using var _ = stream;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (user is not null)
        {
            await WriteAsync(stream, ["AUTH", user, password ?? ""], timeout.Token);
            var auth = await ReadAsync(reader, timeout.Token);
            if (auth.IsError)
            {
                throw new IOException($"AUTH as {user} failed: {auth.Text}");
            }
        }

        await WriteAsync(stream, command, timeout.Token);
        return await ReadAsync(reader, timeout.Token);
    }

    private static async Task WriteAsync(Stream stream, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"*{command.Count}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static bool IssuedBy(X509Certificate? certificate, string caCertificatePath)
    {
        if (certificate is null)
        {
            return false;
        }

        using var authority = X509CertificateLoader.LoadCertificateFromFile(caCertificatePath);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }

    private static async Task<RespValue> ReadAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken)
            ?? throw new IOException("Redis closed the connection before replying.");
        var payload = line[1..];
        switch (line[0])
        {
            case '+':
            case ':':
                return new RespValue(payload);
            case '-':
                return new RespValue(payload, IsError: true);
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return new RespValue(null);
                }

                var buffer = new char[length];
                await reader.ReadBlockAsync(buffer, cancellationToken);
                await reader.ReadLineAsync(cancellationToken);
                return new RespValue(new string(buffer));
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                var items = new List<RespValue>(Math.Max(count, 0));
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadAsync(reader, cancellationToken));
                }

                return new RespValue(null, Items: items);
            default:
                throw new IOException($"Unexpected reply from Redis: {line}");
        }
    }
}
