using System.Globalization;
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
    public static async Task<RespValue> ExecuteAsync(int port, IReadOnlyList<string> command)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        await using var stream = client.GetStream();

        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"*{command.Count}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await ReadAsync(reader, timeout.Token);
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
