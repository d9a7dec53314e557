using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis.Tests.Protocol;

public sealed class RedisProtocolTests
{
    private static readonly IHubProtocol Json = new JsonHubProtocol();

    [Fact]
    public void InvocationRoundTripsEveryFormExclusionsAndClientResultFields()
    {
        var message = new SerializedHubMessage(new InvocationMessage("id-1", "Hello", ["World"]));
        var bytes = RedisProtocol.WriteInvocation(message, [Json], ["a", "b"], "server:1", "server");

        var read = RedisProtocol.ReadInvocation(bytes);

        Assert.Equal(["a", "b"], read.ExcludedConnectionIds);
        Assert.Equal("server:1", read.InvocationId);
        Assert.Equal("server", read.ReturnServer);
        Assert.Equal(message.GetSerializedMessage(Json).ToArray(), read.Message.GetSerializedMessage(Json).ToArray());
    }

    [Fact]
    public void InvocationWithoutOptionalFieldsRoundTrips()
    {
        var bytes = RedisProtocol.WriteInvocation(new SerializedHubMessage(new InvocationMessage("Hello", [])), [Json]);

        var read = RedisProtocol.ReadInvocation(bytes);

        Assert.Null(read.ExcludedConnectionIds);
        Assert.Null(read.InvocationId);
    }

    [Fact]
    public void GroupCommandAckProbeResyncAndReturnRoundTrip()
    {
        var command = new RedisGroupCommand(long.MaxValue, "node-é", GroupAction.Remove, "room*?[", "conn");
        Assert.Equal(command, RedisProtocol.ReadGroupCommand(RedisProtocol.WriteGroupCommand(command)));
        Assert.Equal(300, RedisProtocol.ReadAck(RedisProtocol.WriteAck(300)));
        Assert.Equal(7, RedisProtocol.ReadProbe(RedisProtocol.WriteProbe(7)));
        Assert.Equal("node-é", RedisProtocol.ReadResyncRequest(RedisProtocol.WriteResyncRequest("node-é")));
        Assert.Throws<InvalidDataException>(() => RedisProtocol.ReadResyncRequest(RedisProtocol.WriteProbe(7)));

        var returned = RedisProtocol.ReadReturn(RedisProtocol.WriteReturn("i", "json", [1, 2, 3]));
        Assert.Equal("json", returned.ProtocolName);
        Assert.Equal([1, 2, 3], returned.Completion.ToArray());
        Assert.True(RedisProtocol.ReadReturn(RedisProtocol.WriteConnectionGone("i")).ConnectionGone);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 1 })]
    [InlineData(new byte[] { 1, 3, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 5, 1, 65 })]
    [InlineData(new byte[] { 1, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void MalformedEnvelopesAreRejected(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => RedisProtocol.ReadInvocation(bytes));
    }
}
