using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

/// <summary>
/// What every <see cref="HubLifetimeManager{THub}"/> must do on a single node. Run against SignalR's in-memory
/// manager (the reference behaviour) and against ours. Waits are bounded; "does not receive" is proved by a
/// later message on the same path arriving first.
/// </summary>
public abstract class HubLifetimeManagerSpec : IAsyncLifetime
{
    private readonly List<TestClient> _clients = [];

    /// <summary>A manager; for scale-out implementations every call returns another node of the same cluster.</summary>
    protected abstract HubLifetimeManager<TestHub> CreateManager();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    protected async Task<TestClient> ConnectAsync(HubLifetimeManager<TestHub> manager, string? userId = null, bool failWrites = false)
    {
        var client = new TestClient(userId, failWrites);
        _clients.Add(client);
        await manager.OnConnectedAsync(client.Connection).WaitAsync(TestTimeouts.Default);
        return client;
    }

    protected static Task Bounded(Task task) => task.WaitAsync(TestTimeouts.Default);

    protected static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TestTimeouts.Default);

    protected static async Task<Received> ExpectAsync(TestClient client, string target, string argument)
    {
        var message = await client.ReadAsync();
        Assert.Equal(target, message.Target);
        Assert.Equal(argument, message.FirstArgument);
        return message;
    }

    [Fact]
    public async Task SendAllReachesEveryConnection()
    {
        var manager = CreateManager();
        var one = await ConnectAsync(manager);
        var two = await ConnectAsync(manager);

        await Bounded(manager.SendAllAsync("Hello", ["World"]));

        await ExpectAsync(one, "Hello", "World");
        await ExpectAsync(two, "Hello", "World");
    }

    [Fact]
    public async Task SendAllSkipsDisconnectedConnections()
    {
        var manager = CreateManager();
        var stays = await ConnectAsync(manager);
        var leaves = await ConnectAsync(manager);
        await Bounded(manager.OnDisconnectedAsync(leaves.Connection));

        await Bounded(manager.SendAllAsync("Hello", ["World"]));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(stays, "Hello", "World");
        await ExpectAsync(stays, "Sentinel", "after");
        Assert.Null(leaves.TryRead());
    }

    [Fact]
    public async Task SendAllExceptSkipsExcludedConnections()
    {
        var manager = CreateManager();
        var included = await ConnectAsync(manager);
        var excluded = await ConnectAsync(manager);

        await Bounded(manager.SendAllExceptAsync("Hello", ["World"], [excluded.ConnectionId]));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(included, "Hello", "World");
        await ExpectAsync(excluded, "Sentinel", "after");
    }

    [Fact]
    public async Task SendGroupReachesOnlyGroupMembers()
    {
        var manager = CreateManager();
        var member = await ConnectAsync(manager);
        var outsider = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(member.ConnectionId, "room"));

        await Bounded(manager.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(member, "Hello", "World");
        await ExpectAsync(outsider, "Sentinel", "after");
    }

    [Fact]
    public async Task SendGroupExceptSkipsExcludedConnections()
    {
        var manager = CreateManager();
        var one = await ConnectAsync(manager);
        var two = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(one.ConnectionId, "room"));
        await Bounded(manager.AddToGroupAsync(two.ConnectionId, "room"));

        await Bounded(manager.SendGroupExceptAsync("room", "Hello", ["World"], [two.ConnectionId]));
        await Bounded(manager.SendGroupAsync("room", "Sentinel", ["after"]));

        await ExpectAsync(one, "Hello", "World");
        await ExpectAsync(two, "Sentinel", "after");
    }

    [Fact]
    public async Task SendGroupsReachesMembersOfEveryNamedGroup()
    {
        var manager = CreateManager();
        var one = await ConnectAsync(manager);
        var two = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(one.ConnectionId, "a"));
        await Bounded(manager.AddToGroupAsync(two.ConnectionId, "b"));

        await Bounded(manager.SendGroupsAsync(["a", "b"], "Hello", ["World"]));

        await ExpectAsync(one, "Hello", "World");
        await ExpectAsync(two, "Hello", "World");
    }

    [Fact]
    public async Task SendConnectionReachesOnlyThatConnection()
    {
        var manager = CreateManager();
        var target = await ConnectAsync(manager);
        var other = await ConnectAsync(manager);

        await Bounded(manager.SendConnectionAsync(target.ConnectionId, "Hello", ["World"]));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(target, "Hello", "World");
        await ExpectAsync(other, "Sentinel", "after");
    }

    [Fact]
    public async Task SendConnectionsReachesEveryNamedConnection()
    {
        var manager = CreateManager();
        var one = await ConnectAsync(manager);
        var two = await ConnectAsync(manager);

        await Bounded(manager.SendConnectionsAsync([one.ConnectionId, two.ConnectionId], "Hello", ["World"]));

        await ExpectAsync(one, "Hello", "World");
        await ExpectAsync(two, "Hello", "World");
    }

    [Fact]
    public async Task SendUserReachesEveryConnectionOfTheUser()
    {
        var manager = CreateManager();
        var phone = await ConnectAsync(manager, "ada");
        var laptop = await ConnectAsync(manager, "ada");
        var stranger = await ConnectAsync(manager, "bob");

        await Bounded(manager.SendUserAsync("ada", "Hello", ["World"]));
        await Bounded(manager.SendUsersAsync(["ada", "bob"], "Sentinel", ["after"]));

        await ExpectAsync(phone, "Hello", "World");
        await ExpectAsync(laptop, "Hello", "World");
        await ExpectAsync(stranger, "Sentinel", "after");
    }

    [Fact]
    public async Task RemoveFromGroupStopsDelivery()
    {
        var manager = CreateManager();
        var client = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(client.ConnectionId, "room"));
        await Bounded(manager.RemoveFromGroupAsync(client.ConnectionId, "room"));

        await Bounded(manager.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(client, "Sentinel", "after");
    }

    [Fact]
    public async Task RemoveFromGroupWhenNotMemberIsANoOp()
    {
        var manager = CreateManager();
        var client = await ConnectAsync(manager);

        await Bounded(manager.RemoveFromGroupAsync(client.ConnectionId, "room"));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(client, "Sentinel", "after");
    }

    [Fact]
    public async Task AddToGroupTwiceDeliversOnce()
    {
        var manager = CreateManager();
        var client = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(client.ConnectionId, "room"));
        await Bounded(manager.AddToGroupAsync(client.ConnectionId, "room"));

        await Bounded(manager.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(manager.SendGroupAsync("room", "Sentinel", ["after"]));

        await ExpectAsync(client, "Hello", "World");
        await ExpectAsync(client, "Sentinel", "after");
    }

    [Fact]
    public async Task InvokeConnectionReturnsClientResult()
    {
        var manager = CreateManager();
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
        var manager = CreateManager();
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
        var manager = CreateManager();
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
        var manager = CreateManager();
        await ConnectAsync(manager);

        await Assert.ThrowsAsync<IOException>(
            () => Bounded(manager.InvokeConnectionAsync<int>("no-such-connection", "Ask", [], CancellationToken.None)));
    }

    [Fact]
    public async Task ConcurrentInvocationsDoNotCollide()
    {
        var manager = CreateManager();
        var client = await ConnectAsync(manager);

        var first = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["1"], CancellationToken.None);
        var second = manager.InvokeConnectionAsync<int>(client.ConnectionId, "Ask", ["2"], CancellationToken.None);
        var one = await client.ReadAsync();
        var two = await client.ReadAsync();
        Assert.NotEqual(one.InvocationId, two.InvocationId);

        // Answer in reverse order: each result must reach its own caller.
        await Bounded(manager.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(two.InvocationId!, int.Parse(two.FirstArgument) * 10)));
        await Bounded(manager.SetConnectionResultAsync(client.ConnectionId, CompletionMessage.WithResult(one.InvocationId!, int.Parse(one.FirstArgument) * 10)));

        Assert.Equal(10, await Bounded(first));
        Assert.Equal(20, await Bounded(second));
    }

    [Fact]
    public async Task InvokeConnectionFailsWhenClientDisconnects()
    {
        var manager = CreateManager();
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
        var manager = CreateManager();
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
