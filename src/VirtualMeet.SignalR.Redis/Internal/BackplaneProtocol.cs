using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace VirtualMeet.SignalR.Redis.Internal;

internal enum GroupAction : byte
{
    Add = 1,
    Remove = 2,
}

internal readonly record struct RedisInvocation(
    SerializedHubMessage Message,
    IReadOnlyList<string>? ExcludedConnectionIds,
    string? InvocationId,
    string? ReturnServer);

internal readonly record struct RedisGroupCommand(long Id, string ServerName, GroupAction Action, string GroupName, string ConnectionId);

/// The reply to a cross-node client result: either the client's completion, serialized with the protocol of the
/// client's connection, or the news that the connection went away before answering.
internal readonly record struct RedisReturn(string InvocationId, string? ProtocolName, ReadOnlyMemory<byte> Completion)
{
    public bool ConnectionGone => ProtocolName is null;
}

/// The backplane's wire format, in one place. Every message starts with a version byte and a kind byte so that
/// a node can reject (and log) a message it does not understand instead of misreading it.
/// Layout (varint = 7-bit, string = varint length + UTF-8, bytes = varint length + raw):
///   Invocation: flags, [excluded: varint n, n strings], [invocation id, return server], varint n, n x (protocol, bytes)
///   Group:      varint id, server, action byte, group, connection id
///   Ack:        varint id
///   Return:     invocation id, outcome byte (0 completion, 1 gone), [protocol, bytes]
///   Probe:      varint nonce
///   Resync:     server (the node whose sends failed)
internal static class BackplaneProtocol
{
    private const byte Version = 1;
    private const byte InvocationKind = 1;
    private const byte GroupKind = 2;
    private const byte AckKind = 3;
    private const byte ReturnKind = 4;
    private const byte ProbeKind = 5;
    private const byte ResyncKind = 6;

    private const byte HasExcluded = 1;
    private const byte HasInvocationId = 2;

    public static byte[] WriteInvocation(
        SerializedHubMessage message,
        IReadOnlyList<IHubProtocol> protocols,
        IReadOnlyList<string>? excludedConnectionIds = null,
        string? invocationId = null,
        string? returnServer = null)
    {
        var writer = Start(InvocationKind, 512);
        var flags = (byte)((excludedConnectionIds is { Count: > 0 } ? HasExcluded : 0) | (invocationId is null ? 0 : HasInvocationId));
        writer.WriteByte(flags);
        if ((flags & HasExcluded) != 0)
        {
            writer.WriteVarInt((ulong)excludedConnectionIds!.Count);
            foreach (var id in excludedConnectionIds)
            {
                writer.WriteString(id);
            }
        }

        if ((flags & HasInvocationId) != 0)
        {
            writer.WriteString(invocationId!);
            writer.WriteString(returnServer ?? throw new ArgumentNullException(nameof(returnServer)));
        }

        writer.WriteVarInt((ulong)protocols.Count);
        foreach (var protocol in protocols)
        {
            writer.WriteString(protocol.Name);
            writer.WriteBytes(message.GetSerializedMessage(protocol).Span);
        }

        return writer.ToArray();
    }

    public static RedisInvocation ReadInvocation(ReadOnlyMemory<byte> data)
    {
        var reader = Open(data, InvocationKind);
        var flags = reader.ReadByte();
        string[]? excluded = null;
        if ((flags & HasExcluded) != 0)
        {
            excluded = new string[reader.ReadLength()];
            for (var i = 0; i < excluded.Length; i++)
            {
                excluded[i] = reader.ReadString();
            }
        }

        string? invocationId = null, returnServer = null;
        if ((flags & HasInvocationId) != 0)
        {
            invocationId = reader.ReadString();
            returnServer = reader.ReadString();
        }

        var forms = new SerializedMessage[reader.ReadLength()];
        for (var i = 0; i < forms.Length; i++)
        {
            forms[i] = new SerializedMessage(reader.ReadString(), reader.ReadBytes());
        }

        return new RedisInvocation(new SerializedHubMessage(forms), excluded, invocationId, returnServer);
    }

    public static byte[] WriteGroupCommand(in RedisGroupCommand command)
    {
        var writer = Start(GroupKind, 128);
        writer.WriteVarInt((ulong)command.Id);
        writer.WriteString(command.ServerName);
        writer.WriteByte((byte)command.Action);
        writer.WriteString(command.GroupName);
        writer.WriteString(command.ConnectionId);
        return writer.ToArray();
    }

    public static RedisGroupCommand ReadGroupCommand(ReadOnlyMemory<byte> data)
    {
        var reader = Open(data, GroupKind);
        var id = (long)reader.ReadVarInt();
        var server = reader.ReadString();
        var action = (GroupAction)reader.ReadByte();
        if (action is not (GroupAction.Add or GroupAction.Remove))
        {
            throw new InvalidDataException($"Unknown group action {(byte)action}.");
        }

        return new RedisGroupCommand(id, server, action, reader.ReadString(), reader.ReadString());
    }

    public static byte[] WriteAck(long id) => WriteNumber(AckKind, id);

    public static long ReadAck(ReadOnlyMemory<byte> data) => ReadNumber(data, AckKind);

    public static byte[] WriteProbe(long nonce) => WriteNumber(ProbeKind, nonce);

    public static long ReadProbe(ReadOnlyMemory<byte> data) => ReadNumber(data, ProbeKind);

    public static byte[] WriteResyncRequest(string serverName)
    {
        var writer = Start(ResyncKind, 64);
        writer.WriteString(serverName);
        return writer.ToArray();
    }

    public static string ReadResyncRequest(ReadOnlyMemory<byte> data) => Open(data, ResyncKind).ReadString();

    public static byte[] WriteReturn(string invocationId, string protocolName, ReadOnlySpan<byte> completion)
    {
        var writer = Start(ReturnKind, completion.Length + 64);
        writer.WriteString(invocationId);
        writer.WriteByte(0);
        writer.WriteString(protocolName);
        writer.WriteBytes(completion);
        return writer.ToArray();
    }

    public static byte[] WriteConnectionGone(string invocationId)
    {
        var writer = Start(ReturnKind, 64);
        writer.WriteString(invocationId);
        writer.WriteByte(1);
        return writer.ToArray();
    }

    public static RedisReturn ReadReturn(ReadOnlyMemory<byte> data)
    {
        var reader = Open(data, ReturnKind);
        var invocationId = reader.ReadString();
        return reader.ReadByte() switch
        {
            0 => new RedisReturn(invocationId, reader.ReadString(), reader.ReadBytes()),
            1 => new RedisReturn(invocationId, null, default),
            var other => throw new InvalidDataException($"Unknown return outcome {other}."),
        };
    }

    private static EnvelopeWriter Start(byte kind, int capacity)
    {
        var writer = new EnvelopeWriter(capacity);
        writer.WriteByte(Version);
        writer.WriteByte(kind);
        return writer;
    }

    private static EnvelopeReader Open(ReadOnlyMemory<byte> data, byte expectedKind)
    {
        var reader = new EnvelopeReader(data);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"Unsupported backplane envelope version {version}.");
        }

        var kind = reader.ReadByte();
        if (kind != expectedKind)
        {
            throw new InvalidDataException($"Expected backplane message kind {expectedKind} but got {kind}.");
        }

        return reader;
    }

    private static byte[] WriteNumber(byte kind, long value)
    {
        var writer = Start(kind, 16);
        writer.WriteVarInt((ulong)value);
        return writer.ToArray();
    }

    private static long ReadNumber(ReadOnlyMemory<byte> data, byte kind) => (long)Open(data, kind).ReadVarInt();
}
