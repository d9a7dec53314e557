using VirtualMeet.SignalR.Redis.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.SignalR.Redis.Tests.Resilience;

/// <summary>Channel names are literal and payload sizes are not the backplane's business.</summary>
public sealed class NamesAndPayloadTests(SharedRedis redis) : TwoNodesOnSharedRedis(redis)
{
    [Fact]
    public async Task GroupAndUserNamesWithWildcardsAreLiteral()
    {
        // If "room*" became a pattern, the member of "room*" would also receive what is sent to "room1".
        var star = await One.ConnectAsync("user*");
        var question = await One.ConnectAsync("user?");
        var bracket = await One.ConnectAsync("user[ab]");
        var plain = await One.ConnectAsync("user1");
        await One.Manager.AddToGroupAsync(star.ConnectionId, "room*").WaitAsync(TestTimeouts.Default);
        await One.Manager.AddToGroupAsync(question.ConnectionId, "room?").WaitAsync(TestTimeouts.Default);
        await One.Manager.AddToGroupAsync(bracket.ConnectionId, "room[12]").WaitAsync(TestTimeouts.Default);

        await Two.Manager.SendGroupAsync("room1", "Wrong", ["group"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendUserAsync("usera", "Wrong", ["user"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendUserAsync("user1", "Right", ["user1"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendGroupAsync("room*", "Right", ["room*"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendGroupAsync("room?", "Right", ["room?"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendGroupAsync("room[12]", "Right", ["room[12]"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendUserAsync("user*", "Right", ["user*"]).WaitAsync(TestTimeouts.Default);

        Assert.Equal("user1", (await plain.ReadAsync()).FirstArgument);
        Assert.Equal(["room*", "user*"], (await star.ReadManyAsync(2)).Select(m => m.FirstArgument));
        Assert.Equal("room?", (await question.ReadAsync()).FirstArgument);
        Assert.Equal("room[12]", (await bracket.ReadAsync()).FirstArgument);
    }

    [Fact]
    public async Task VeryLongGroupAndUserNamesWork()
    {
        var longUser = new string('u', 10_000);
        var longGroup = new string('g', 10_000) + "*?[";
        var client = await One.ConnectAsync(longUser);
        await Two.Manager.AddToGroupAsync(client.ConnectionId, longGroup).WaitAsync(TestTimeouts.Default);

        await Two.Manager.SendGroupAsync(longGroup, "Hello", ["group"]).WaitAsync(TestTimeouts.Default);
        await Two.Manager.SendUserAsync(longUser, "Hello", ["user"]).WaitAsync(TestTimeouts.Default);

        // Two channels: order holds per channel only, so the two messages may arrive either way round.
        string?[] received = [(await client.ReadAsync()).FirstArgument, (await client.ReadAsync()).FirstArgument];
        Assert.Equal(["group", "user"], received.Order());
    }

    [Theory]
    [InlineData(32 * 1024)]
    [InlineData(32 * 1024 + 1)]
    [InlineData(1024 * 1024)]
    public async Task MessagesAtAndOverTheHubMaximumSizeCrossNodes(int size)
    {
        // The hub's maximum message size limits what clients send; server pushes of any size must cross nodes intact.
        var client = await Two.ConnectAsync();
        var payload = new string('x', size);

        await One.Manager.SendAllAsync("Big", [payload]).WaitAsync(TestTimeouts.Default);

        var message = await client.ReadAsync();
        Assert.Equal(size, message.FirstArgument.Length);
    }

    [Fact]
    public async Task TenThousandSequentialSendsArriveInOrderOnTheOtherNode()
    {
        const int count = 10_000;
        var client = await Two.ConnectAsync();

        for (var i = 0; i < count; i++)
        {
            await One.Manager.SendAllAsync("Seq", [i]).WaitAsync(TestTimeouts.Default);
        }

        for (var i = 0; i < count; i++)
        {
            var message = await client.ReadAsync();
            Assert.Equal(i, message.Arguments[0].GetInt32());
        }
    }
}
