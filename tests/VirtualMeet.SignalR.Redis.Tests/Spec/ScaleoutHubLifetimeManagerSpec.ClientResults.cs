using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

// Client results (InvokeConnectionAsync, SetConnectionResultAsync, TryGetReturnType).
public abstract partial class ScaleoutHubLifetimeManagerSpec
{
    [Fact]
    public async Task InvokeConnectionOnOtherNodeReturnsResult()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        var result = one.InvokeConnectionAsync<int>(remote.ConnectionId, "Ask", ["question"], CancellationToken.None);
        var invocation = await ExpectAsync(remote, "Ask", "question");
        Assert.True(two.TryGetReturnType(invocation.InvocationId!, out _));
        await Bounded(two.SetConnectionResultAsync(remote.ConnectionId, CompletionMessage.WithResult(invocation.InvocationId!, 42)));

        Assert.Equal(42, await Bounded(result));
    }

    [Fact]
    public async Task InvokeConnectionOnOtherNodeSurfacesClientError()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        var result = one.InvokeConnectionAsync<int>(remote.ConnectionId, "Ask", ["question"], CancellationToken.None);
        var invocation = await remote.ReadAsync();
        await Bounded(two.SetConnectionResultAsync(remote.ConnectionId, CompletionMessage.WithError(invocation.InvocationId!, "nope")));

        var error = await Assert.ThrowsAsync<HubException>(() => Bounded(result));
        Assert.Equal("nope", error.Message);
    }

    [Fact]
    public async Task InvokeConnectionForIdOnNoNodeThrowsIOException()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        await ConnectAsync(two);

        var error = await Assert.ThrowsAsync<IOException>(
            () => Bounded(one.InvokeConnectionAsync<int>("no-such-connection", "Ask", [], CancellationToken.None)));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeConnectionFailsWhenClientDisconnectsFromOtherNode()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        var result = one.InvokeConnectionAsync<int>(remote.ConnectionId, "Ask", ["question"], CancellationToken.None);
        await remote.ReadAsync();
        await Bounded(two.OnDisconnectedAsync(remote.Connection));

        if (ClientResultFailsAtOnceWhenItsConnectionLeavesAnotherNode)
        {
            await Assert.ThrowsAsync<IOException>(() => Bounded(result));
        }
        else
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() => Bounded(result));
            Assert.Contains(remote.ConnectionId, error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// False for a manager whose owning node does not report a leaving connection to the caller: the invocation then
    /// fails when the client-result timeout (below the test's bound) passes, as the official Redis backplane does.
    /// </summary>
    protected virtual bool ClientResultFailsAtOnceWhenItsConnectionLeavesAnotherNode => true;

    [Fact]
    public async Task InvocationIdsAreUniqueAcrossNodes()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var client = await ConnectAsync(two);

        var fromOne = one.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["1"], CancellationToken.None);
        var fromTwo = two.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["2"], CancellationToken.None);
        var a = await client.ReadAsync();
        var b = await client.ReadAsync();
        Assert.NotEqual(a.InvocationId, b.InvocationId);

        await Bounded(two.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(a.InvocationId!, int.Parse(a.FirstArgument, CultureInfo.InvariantCulture))));
        await Bounded(two.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(b.InvocationId!, int.Parse(b.FirstArgument, CultureInfo.InvariantCulture))));
        Assert.Equal(1, await Bounded(fromOne));
        Assert.Equal(2, await Bounded(fromTwo));
    }

    [Fact]
    public async Task WrongResultTypeFromOtherNodeSurfacesHubException()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        var result = one.InvokeConnectionAsync<int>(remote.ConnectionId, "Ask", ["question"], CancellationToken.None);
        var invocation = await remote.ReadAsync();
        await Bounded(two.SetConnectionResultAsync(remote.ConnectionId, CompletionMessage.WithResult(invocation.InvocationId!, "not a number")));

        var error = await Assert.ThrowsAsync<HubException>(() => Bounded(result));
        Assert.StartsWith("Error trying to deserialize result to Int32.", error.Message, StringComparison.Ordinal);
    }
}
