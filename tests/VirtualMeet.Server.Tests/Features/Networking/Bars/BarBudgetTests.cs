using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;
using Budgets = VirtualMeet.Server.Tests.Infrastructure.InMemoryNodeWithSmallBudgets;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>
/// The bars' expensive calls are budgeted per attendee: entering (one read per table, rule <c>bar-entries</c>),
/// "find me a table" (one read per seated person, <c>table-finds</c>) and hopping tables (pushes to two tables,
/// <c>table-joins</c>). A refused call changes nothing.
/// </summary>
public sealed class BarBudgetTests(Budgets fixture) : IClassFixture<Budgets>
{
    [Fact]
    public async Task AHopBeyondTheBudgetIsRefusedAndTheSeatStaysWhereItWas()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var hopper = await bar.ConnectAsync("hopper");
        await using var watcher = await bar.ConnectAsync("watcher");
        string[] tables = ["t1", "t2", "t3"];
        foreach (var table in tables.Take(Budgets.TableJoins))
            Assert.Equal(table, (await hopper.JoinAsync("theke", table)).Table.TableId);

        var detail = await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => hopper.JoinAsync("lounge", "l1"));

        Assert.Contains("Retry after", detail, StringComparison.Ordinal);
        var snapshot = await watcher.EnterAsync(bar.EventId);
        var seated = snapshot.Bars.SelectMany(b => b.Tables).Where(t => t.Occupants.Any(o => o.ParticipantId == "hopper"));
        Assert.Equal("t3", Assert.Single(seated).TableId);
        Assert.Empty(snapshot.Bars.Single(b => b.Id == "lounge").Tables.Single().Occupants);
        Assert.Equal("l1", (await watcher.JoinAsync("lounge", "l1")).Table.TableId);
    }

    [Fact]
    public async Task AFindBeyondTheBudgetIsRefusedAndTheSeatStaysWhereItWas()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var seeker = await bar.ConnectAsync("seeker");
        JoinedTable? found = null;
        for (var i = 0; i < Budgets.TableFinds; i++)
            found = await seeker.FindAsync(bar.EventId);

        var detail = await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => seeker.FindAsync(bar.EventId));

        Assert.Contains("Retry after", detail, StringComparison.Ordinal);
        var mine = (await seeker.EnterAsync(bar.EventId)).MyTable;
        Assert.Equal(new TableLocation(found!.Table.BarId, found.Table.TableId), mine);
        await using var other = await bar.ConnectAsync("other");
        Assert.NotNull(await other.FindAsync(bar.EventId));
    }

    [Fact]
    public async Task AnEntryBeyondTheBudgetIsRefusedAndHearsNoTableChanges()
    {
        var bar = await BarTestClient.WithNewEventAsync(fixture.Node);
        await using var entered = await bar.ConnectAsync("dana");
        await using var refused = await bar.ConnectAsync("dana");
        for (var i = 0; i < Budgets.BarEntries; i++)
            Assert.Equal(2, (await entered.EnterAsync(bar.EventId)).Bars.Count);

        var detail = await HubAssert.FailsWithAsync(ErrorCodes.RateLimited, () => refused.EnterAsync(bar.EventId));

        Assert.Contains("Retry after", detail, StringComparison.Ordinal);
        await using var sitter = await bar.ConnectAsync("sitter");
        await sitter.JoinAsync("theke", "t1");
        await BarListener.NextMatchingAsync(entered.TableChanges, u => u.Tables.Any(t => t.TableId == "t1"));
        // A round trip on the refused connection after the push: had it entered, the push would be there.
        await refused.LeaveAsync();
        Assert.False(refused.TableChanges.Reader.TryRead(out _));
    }
}
