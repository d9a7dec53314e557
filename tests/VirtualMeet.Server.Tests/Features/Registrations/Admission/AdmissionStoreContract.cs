using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Registrations.Admission;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>What every <see cref="IAdmissionStore"/> must do; run against each implementation.</summary>
public abstract class AdmissionStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    internal abstract IAdmissionStore Store { get; }

    /// <summary>The implementation's part in an event purge.</summary>
    internal abstract IEventScopedData Purge { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static TicketDefinition Ticket(string id, string? category = null) => new(id, $"Name {id}", $"{id.ToLowerInvariant()}@example.org", category);

    [Fact]
    public async Task AnInvitationIsRedeemedOnceAndAnUnknownOneNever()
    {
        var eventId = TestEvents.NewId("admission");
        Assert.Equal(2, await Store.AddInvitationsAsync(eventId, ["hash-a", "hash-b"], Ct));

        Assert.Equal(Redemption.Redeemed, await Store.RedeemAsync(eventId, AdmissionKind.Invitation, "hash-a", Now, Ct));
        Assert.Equal(Redemption.AlreadyUsed, await Store.RedeemAsync(eventId, AdmissionKind.Invitation, "hash-a", Now, Ct));
        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync(eventId, AdmissionKind.Invitation, "hash-c", Now, Ct));
        // The kinds are apart: an invitation hash is no ticket id.
        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync(eventId, AdmissionKind.Ticket, "hash-b", Now, Ct));
        Assert.Equal(new AdmissionTally(2, 1, 0, 0), await Store.CountAsync(eventId, Ct));
    }

    [Fact]
    public async Task ATicketIsRedeemedOnceAndListsWhenItWasUsed()
    {
        var eventId = TestEvents.NewId("admission");
        Assert.Equal(2, await Store.AddTicketsAsync(eventId, [Ticket("T-1", "VIP"), Ticket("T-2")], Ct));

        Assert.Equal(Ticket("T-1", "VIP"), await Store.GetTicketAsync(eventId, "T-1", Ct));
        Assert.Null(await Store.GetTicketAsync(eventId, "T-3", Ct));
        Assert.Equal(Redemption.Redeemed, await Store.RedeemAsync(eventId, AdmissionKind.Ticket, "T-1", Now, Ct));
        Assert.Equal(Redemption.AlreadyUsed, await Store.RedeemAsync(eventId, AdmissionKind.Ticket, "T-1", Now.AddMinutes(1), Ct));

        var listed = (await Store.ListTicketsAsync(eventId, Ct)).OrderBy(t => t.Ticket.TicketId, StringComparer.Ordinal).ToList();
        Assert.Equal([new TicketState(Ticket("T-1", "VIP"), Now), new TicketState(Ticket("T-2"), null)], listed);
        Assert.Equal(new AdmissionTally(0, 0, 2, 1), await Store.CountAsync(eventId, Ct));
    }

    [Fact]
    public async Task ReimportingATicketIdLeavesTheTicketAsItWas()
    {
        var eventId = TestEvents.NewId("admission");
        await Store.AddTicketsAsync(eventId, [Ticket("T-1")], Ct);
        await Store.RedeemAsync(eventId, AdmissionKind.Ticket, "T-1", Now, Ct);

        var added = await Store.AddTicketsAsync(eventId, [Ticket("T-1") with { Email = "someone-else@example.org" }, Ticket("T-2")], Ct);

        Assert.Equal(1, added);
        Assert.Equal(Ticket("T-1"), await Store.GetTicketAsync(eventId, "T-1", Ct));
        Assert.Equal(Redemption.AlreadyUsed, await Store.RedeemAsync(eventId, AdmissionKind.Ticket, "T-1", Now, Ct));
    }

    [Fact]
    public async Task ManyConcurrentRedemptionsOfOneCodeHaveExactlyOneWinner()
    {
        var eventId = TestEvents.NewId("admission");
        await Store.AddInvitationsAsync(eventId, ["contested"], Ct);
        await Store.AddTicketsAsync(eventId, [Ticket("CONTESTED")], Ct);

        var invitations = Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(() => Store.RedeemAsync(eventId, AdmissionKind.Invitation, "contested", Now, Ct), Ct)));
        var tickets = Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(() => Store.RedeemAsync(eventId, AdmissionKind.Ticket, "CONTESTED", Now, Ct), Ct)));

        Assert.Single(await invitations, r => r == Redemption.Redeemed);
        Assert.Single(await tickets, r => r == Redemption.Redeemed);
        Assert.Equal(63, (await invitations).Count(r => r == Redemption.AlreadyUsed));
        Assert.Equal(new AdmissionTally(1, 1, 1, 1), await Store.CountAsync(eventId, Ct));
    }

    [Fact]
    public async Task EventsKeepTheirAdmissionsApart()
    {
        var one = TestEvents.NewId("admission");
        var other = TestEvents.NewId("admission");
        await Store.AddInvitationsAsync(one, ["hash"], Ct);
        await Store.AddTicketsAsync(one, [Ticket("T-1")], Ct);

        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync(other, AdmissionKind.Invitation, "hash", Now, Ct));
        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync(other, AdmissionKind.Ticket, "T-1", Now, Ct));
        Assert.Empty(await Store.ListTicketsAsync(other, Ct));
    }

    [Fact]
    public async Task APurgeRemovesEveryInvitationAndTicketOfTheEventOnly()
    {
        var purged = TestEvents.NewId("admission");
        var kept = TestEvents.NewId("admission");
        foreach (var eventId in new[] { purged, kept })
        {
            await Store.AddInvitationsAsync(eventId, ["hash-a", "hash-b"], Ct);
            await Store.AddTicketsAsync(eventId, [Ticket("T-1"), Ticket("T-2")], Ct);
            await Store.RedeemAsync(eventId, AdmissionKind.Invitation, "hash-a", Now, Ct);
            await Store.RedeemAsync(eventId, AdmissionKind.Ticket, "T-1", Now, Ct);
        }

        await Purge.PurgeEventAsync(purged, Ct);

        Assert.Equal(new AdmissionTally(0, 0, 0, 0), await Store.CountAsync(purged, Ct));
        Assert.Empty(await Store.ListTicketsAsync(purged, Ct));
        Assert.Null(await Store.GetTicketAsync(purged, "T-1", Ct));
        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync(purged, AdmissionKind.Invitation, "hash-b", Now, Ct));
        Assert.Equal(new AdmissionTally(2, 1, 2, 1), await Store.CountAsync(kept, Ct));
    }
}
