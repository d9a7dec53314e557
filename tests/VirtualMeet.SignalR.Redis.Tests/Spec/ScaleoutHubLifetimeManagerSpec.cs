using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Tests.Infrastructure;

namespace VirtualMeet.SignalR.Redis.Tests.Spec;

/// <summary>
/// What a scale-out manager must do across nodes: every <see cref="HubLifetimeManagerSpec.CreateManagerAsync"/> call is
/// another node of one cluster.
/// </summary>
public abstract partial class ScaleoutHubLifetimeManagerSpec : HubLifetimeManagerSpec
{
    /// <summary>Publishes made by the node behind <paramref name="manager"/> (to prove that a send skipped Redis).</summary>
    protected abstract long PublishedBy(HubLifetimeManager<TestHub> manager);

    [Fact]
    public async Task SendAllFromNodeOneReachesClientsOnNodeTwo()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var local = await ConnectAsync(one);
        var remote = await ConnectAsync(two);

        await Bounded(one.SendAllAsync("Hello", ["World"]));

        await ExpectAsync(local, "Hello", "World");
        await ExpectAsync(remote, "Hello", "World");
    }

    [Fact]
    public async Task SendAllFromNodeOneSkipsClientDisconnectedFromNodeTwo()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var stays = await ConnectAsync(two);
        var leaves = await ConnectAsync(two);
        await Bounded(two.OnDisconnectedAsync(leaves.Connection));

        await Bounded(one.SendAllAsync("Hello", ["World"]));
        await Bounded(one.SendAllAsync("Sentinel", ["after"]));

        await ExpectAsync(stays, "Hello", "World");
        await ExpectAsync(stays, "Sentinel", "after");
        Assert.Null(leaves.TryRead());
    }

    [Fact]
    public async Task SendConnectionReachesConnectionOnOtherNode()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        await Bounded(one.SendConnectionAsync(remote.ConnectionId, "Hello", ["World"]));

        await ExpectAsync(remote, "Hello", "World");
    }

    [Fact]
    public async Task GroupJoinedOnNodeOneReceivesSendFromNodeTwo()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var member = await ConnectAsync(one);
        await Bounded(one.AddToGroupAsync(member.ConnectionId, "room"));

        await Bounded(two.SendGroupAsync("room", "Hello", ["World"]));

        await ExpectAsync(member, "Hello", "World");
    }

    [Fact]
    public async Task DisconnectRemovesConnectionFromGroupsOnEveryNode()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var leaves = await ConnectAsync(one);
        var stays = await ConnectAsync(one);
        await Bounded(one.AddToGroupAsync(leaves.ConnectionId, "room"));
        await Bounded(one.AddToGroupAsync(stays.ConnectionId, "room"));
        await Bounded(one.OnDisconnectedAsync(leaves.Connection));

        await Bounded(two.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(two.SendGroupAsync("room", "Sentinel", ["after"]));

        await ExpectAsync(stays, "Hello", "World");
        await ExpectAsync(stays, "Sentinel", "after");
        Assert.Null(leaves.TryRead());
    }

    [Fact]
    public async Task RemoveNotInGroupIsAQuickNoOpLocally()
    {
        var one = await CreateManagerAsync();
        var client = await ConnectAsync(one);

        await Bounded(one.RemoveFromGroupAsync(client.ConnectionId, "never-joined"));
    }

    [Fact]
    public async Task RemoveNotInGroupIsAQuickNoOpRemotely()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        // Acknowledged by the owning node, so it returns without waiting for the ack timeout.
        await Bounded(one.RemoveFromGroupAsync(remote.ConnectionId, "never-joined"));
    }

    [Fact]
    public async Task RemoteAddToGroupIsAcknowledgedAndDelivers()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);

        await Bounded(one.AddToGroupAsync(remote.ConnectionId, "room"));
        await Bounded(one.SendGroupAsync("room", "Hello", ["World"]));

        await ExpectAsync(remote, "Hello", "World");
    }

    [Fact]
    public async Task AddingTwiceDeliversOnceLocallyAndRemotely()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var local = await ConnectAsync(one);
        var remote = await ConnectAsync(two);
        await Bounded(one.AddToGroupAsync(local.ConnectionId, "room"));
        await Bounded(one.AddToGroupAsync(local.ConnectionId, "room"));
        await Bounded(one.AddToGroupAsync(remote.ConnectionId, "room"));
        await Bounded(one.AddToGroupAsync(remote.ConnectionId, "room"));

        await Bounded(two.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(two.SendGroupAsync("room", "Sentinel", ["after"]));

        foreach (var client in new[] { local, remote })
        {
            await ExpectAsync(client, "Hello", "World");
            await ExpectAsync(client, "Sentinel", "after");
        }
    }

    [Fact]
    public async Task RemoteRemoveFromGroupStopsDelivery()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var remote = await ConnectAsync(two);
        await Bounded(one.AddToGroupAsync(remote.ConnectionId, "room"));
        await Bounded(one.RemoveFromGroupAsync(remote.ConnectionId, "room"));

        await Bounded(one.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(one.SendAllAsync("Sentinel", ["after"]));

        // The group channel is no longer subscribed on node two, so nothing can be in flight on it.
        await ExpectAsync(remote, "Sentinel", "after");
        Assert.Null(remote.TryRead());
    }

    [Fact]
    public async Task LocalSendDoesNotGoThroughRedis()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var local = await ConnectAsync(one);
        await ConnectAsync(two);
        var before = PublishedBy(one);

        await Bounded(one.SendConnectionAsync(local.ConnectionId, "Hello", ["World"]));

        await ExpectAsync(local, "Hello", "World");
        Assert.Equal(before, PublishedBy(one));
        await Bounded(one.SendConnectionAsync(local.ConnectionId, "Sentinel", ["after"]));
        await ExpectAsync(local, "Sentinel", "after");
    }

    [Fact]
    public async Task FailingRemoteWriteDoesNotThrow()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var broken = await ConnectAsync(two, failWrites: true);
        var healthy = await ConnectAsync(two);

        await Bounded(one.SendConnectionAsync(broken.ConnectionId, "Hello", ["World"]));
        await Bounded(one.SendConnectionAsync(healthy.ConnectionId, "Hello", ["World"]));

        await ExpectAsync(healthy, "Hello", "World");
    }

    [Fact]
    public async Task OneFailingGroupMemberDoesNotBlockTheOthers()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var broken = await ConnectAsync(two, failWrites: true);
        var healthy = await ConnectAsync(two);
        await Bounded(two.AddToGroupAsync(broken.ConnectionId, "room"));
        await Bounded(two.AddToGroupAsync(healthy.ConnectionId, "room"));

        await Bounded(one.SendGroupAsync("room", "Hello", ["World"]));
        await Bounded(one.SendGroupAsync("room", "Again", ["World"]));

        await ExpectAsync(healthy, "Hello", "World");
        await ExpectAsync(healthy, "Again", "World");
    }

    [Fact]
    public async Task SendUserReachesUserConnectionsOnEveryNode()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var phone = await ConnectAsync(one, "ada");
        var laptop = await ConnectAsync(two, "ada");

        await Bounded(two.SendUserAsync("ada", "Hello", ["World"]));

        await ExpectAsync(phone, "Hello", "World");
        await ExpectAsync(laptop, "Hello", "World");
    }

    [Fact]
    public async Task SendUserStillReachesRemainingConnectionAfterOneLeaves()
    {
        var one = await CreateManagerAsync();
        var two = await CreateManagerAsync();
        var phone = await ConnectAsync(one, "ada");
        var laptop = await ConnectAsync(two, "ada");
        var tablet = await ConnectAsync(two, "ada");
        await Bounded(two.OnDisconnectedAsync(laptop.Connection));

        await Bounded(one.SendUserAsync("ada", "Hello", ["World"]));

        await ExpectAsync(phone, "Hello", "World");
        await ExpectAsync(tablet, "Hello", "World");
    }
}
