using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis.Tests.Protocol;

public sealed class BackplaneProtocolTests
{
    private static readonly IHubProtocol Json = new JsonHubProtocol();

    [Fact]
    public void InvocationRoundTripsEveryFormExclusionsAndClientResultFields()
    {
        var message = new SerializedHubMessage(new InvocationMessage("id-1", "Hello", ["World"]));
        var bytes = BackplaneProtocol.WriteInvocation(message, [Json], ["a", "b"], "server:1", "server");

        var read = BackplaneProtocol.ReadInvocation(bytes);

        Assert.Equal(["a", "b"], read.ExcludedConnectionIds);
        Assert.Equal("server:1", read.InvocationId);
        Assert.Equal("server", read.ReturnServer);
        Assert.Equal(message.GetSerializedMessage(Json).ToArray(), read.Message.GetSerializedMessage(Json).ToArray());
    }

    [Fact]
    public void InvocationWithoutOptionalFieldsRoundTrips()
    {
        var bytes = BackplaneProtocol.WriteInvocation(new SerializedHubMessage(new InvocationMessage("Hello", [])), [Json]);

        var read = BackplaneProtocol.ReadInvocation(bytes);

        Assert.Null(read.ExcludedConnectionIds);
        Assert.Null(read.InvocationId);
    }

    [Fact]
    public void GroupCommandAckProbeResyncAndReturnRoundTrip()
    {
        var command = new RedisGroupCommand(long.MaxValue, "node-é", GroupAction.Remove, "room*?[", "conn");
        Assert.Equal(command, BackplaneProtocol.ReadGroupCommand(BackplaneProtocol.WriteGroupCommand(command)));
        Assert.Equal(300, BackplaneProtocol.ReadAck(BackplaneProtocol.WriteAck(300)));
        Assert.Equal(7, BackplaneProtocol.ReadProbe(BackplaneProtocol.WriteProbe(7)));
        Assert.Equal("node-é", BackplaneProtocol.ReadResyncRequest(BackplaneProtocol.WriteResyncRequest("node-é")));
        Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadResyncRequest(BackplaneProtocol.WriteProbe(7)));

        var returned = BackplaneProtocol.ReadReturn(BackplaneProtocol.WriteReturn("i", "json", [1, 2, 3]));
        Assert.Equal("json", returned.ProtocolName);
        Assert.Equal([1, 2, 3], returned.Completion.ToArray());
        Assert.True(BackplaneProtocol.ReadReturn(BackplaneProtocol.WriteConnectionGone("i")).ConnectionGone);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 1 })]
    [InlineData(new byte[] { 1, 3, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 5, 1, 65 })]
    [InlineData(new byte[] { 1, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void MalformedEnvelopesAreRejected(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => BackplaneProtocol.ReadInvocation(bytes));
    }
}
