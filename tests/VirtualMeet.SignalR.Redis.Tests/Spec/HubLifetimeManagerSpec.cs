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
public abstract partial class HubLifetimeManagerSpec : IAsyncLifetime
{
    private readonly List<TestClient> _clients = [];

    /// <summary>A manager; for scale-out implementations every call returns another node of the same cluster.</summary>
    protected abstract Task<HubLifetimeManager<TestHub>> CreateManagerAsync();

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
        var manager = await CreateManagerAsync();
        var one = await ConnectAsync(manager);
        var two = await ConnectAsync(manager);

        await Bounded(manager.SendAllAsync("Hello", ["World"]));

        await ExpectAsync(one, "Hello", "World");
        await ExpectAsync(two, "Hello", "World");
    }

    [Fact]
    public async Task SendAllSkipsDisconnectedConnections()
    {
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
        var member = await ConnectAsync(manager);
        var outsider = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(member.ConnectionId, "room"));

        await Bounded(manager.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        // The group and "all" are different channels, and order is kept per channel only: the member gets both, in
        // either order; the outsider's first message being the sentinel proves the group message passed it by.
        var received = new[] { await member.ReadAsync(), await member.ReadAsync() };
        Assert.Equal(["Hello", "Sentinel"], received.Select(m => m.Target).Order(StringComparer.Ordinal));
        await ExpectAsync(outsider, "Sentinel", "after");
    }

    [Fact]
    public async Task SendGroupExceptSkipsExcludedConnections()
    {
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
        var one = await ConnectAsync(manager);
        var two = await ConnectAsync(manager);

        await Bounded(manager.SendConnectionsAsync([one.ConnectionId, two.ConnectionId], "Hello", ["World"]));

        await ExpectAsync(one, "Hello", "World");
        await ExpectAsync(two, "Hello", "World");
    }

    [Fact]
    public async Task SendUserReachesEveryConnectionOfTheUser()
    {
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
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
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);

        await Bounded(manager.RemoveFromGroupAsync(client.ConnectionId, "room"));
        await Bounded(manager.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(client, "Sentinel", "after");
    }

    [Fact]
    public async Task AddToGroupTwiceDeliversOnce()
    {
        var manager = await CreateManagerAsync();
        var client = await ConnectAsync(manager);
        await Bounded(manager.AddToGroupAsync(client.ConnectionId, "room"));
        await Bounded(manager.AddToGroupAsync(client.ConnectionId, "room"));

        await Bounded(manager.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(manager.SendGroupAsync("room", "Sentinel", ["after"]));

        await ExpectAsync(client, "Hello", "World");
        await ExpectAsync(client, "Sentinel", "after");
    }
}
