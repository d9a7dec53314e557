using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

// Client results (InvokeConnectionAsync, SetConnectionResultAsync, TryGetReturnType).
public abstract partial class HubLifetimeManagerSpec
{
    [Fact]
    public async Task InvokeConnectionReturnsClientResult()
    {
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);

        var result = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["question"], CancellationToken.None);
        var invocation = await ExpectAsync(client, "Ask", "question");
        Assert.NotNull(invocation.InvocationId);
        Assert.True(manager.TryGetReturnType(invocation.InvocationId!, out var type));
        Assert.Equal(typeof(int), type);
        await Bounded(manager.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(invocation.InvocationId!, 42)));

        Assert.Equal(42, await Bounded(result));
        Assert.False(manager.TryGetReturnType(invocation.InvocationId!, out _));
    }

    [Fact]
    public async Task InvokeConnectionSurfacesClientError()
    {
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);

        var result = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["question"], CancellationToken.None);
        var invocation = await client.ReadAsync();
        await Bounded(manager.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithError(invocation.InvocationId!, "nope")));

        var error = await Assert.ThrowsAsync<HubException>(() => Bounded(result));
        Assert.Equal("nope", error.Message);
    }

    [Fact]
    public async Task CompletingAnotherConnectionsInvocationThrows()
    {
        var manager = await CreateManagerAsync();
        var asked = await ConnectAsync(manager);
        var intruder = await ConnectAsync(manager);

        var result = manager.InvokeConnectionAsync<int>(asked.ConnectionId, "Ask", ["question"], CancellationToken.None);
        var invocation = await asked.ReadAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Bounded(manager.SetConnectionResultAsync(intruder.ConnectionId, CompletionMessage.WithResult(invocation.InvocationId!, 1))));
        await Bounded(manager.SetConnectionResultAsync(asked.ConnectionId, CompletionMessage.WithResult(invocation.InvocationId!, 2)));
        Assert.Equal(2, await Bounded(result));
    }

    [Fact]
    public async Task InvokeUnknownConnectionThrowsIOException()
    {
        var manager = await CreateManagerAsync();
        await ConnectAsync(manager);

        await Assert.ThrowsAsync<IOException>(
            () => Bounded(manager.InvokeConnectionAsync<int>("no-such-connection", "Ask", [], CancellationToken.None)));
    }

    [Fact]
    public async Task ConcurrentInvocationsDoNotCollide()
    {
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);

        var first = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["1"], CancellationToken.None);
        var second = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["2"], CancellationToken.None);
        var one = await client.ReadAsync();
        var two = await client.ReadAsync();
        Assert.NotEqual(one.InvocationId, two.InvocationId);

        // Answer in reverse order: each result must reach its own caller.
        await Bounded(manager.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(two.InvocationId!, int.Parse(two.FirstArgument, CultureInfo.InvariantCulture) * 10)));
        await Bounded(manager.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(one.InvocationId!, int.Parse(one.FirstArgument, CultureInfo.InvariantCulture) * 10)));

        Assert.Equal(10, await Bounded(first));
        Assert.Equal(20, await Bounded(second));
    }

    [Fact]
    public async Task InvokeConnectionFailsWhenClientDisconnects()
    {
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);

        var result = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["question"], CancellationToken.None);
        await client.ReadAsync();
        client.Connection.Abort();
        await Bounded(manager.OnDisconnectedAsync(client.Connection));

        await Assert.ThrowsAsync<IOException>(() => Bounded(result));
    }

    [Fact]
    public async Task InvokeConnectionHonoursCancellation()
    {
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);
        using var cancel = new CancellationTokenSource();

        var result = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["question"], cancel.Token);
        var invocation = await client.ReadAsync();
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => Bounded(result));
        Assert.Equal("Invocation canceled by the server.", error.Message);
        Assert.False(manager.TryGetReturnType(invocation.InvocationId!, out _));
    }
}
