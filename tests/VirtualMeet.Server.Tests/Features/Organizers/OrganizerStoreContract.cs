using VirtualMeet.Contracts.Identity;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Organizers;

namespace VirtualMeet.Server.Tests.Features.Organizers;

/// <summary>What the organizer store must do; run against each implementation.</summary>
public abstract class OrganizerStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);

    internal abstract IOrganizerStore Store { get; }

    /// <summary>What the event's purge runs for this store's data.</summary>
    internal abstract IEventScopedData Purge { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEvent() => "team-" + Guid.NewGuid().ToString("N")[..10];

    private static OrganizerAccount Account(string? email = null) =>
        new(OrganizerSecrets.NewId(), "Olga Organizer", email, AcrossEvents: false, OrganizerSecrets.Hash("s"), Now);

    [Fact]
    public async Task AnAccountIsAddedOnceFoundListedAndDeleted()
    {
        var account = Account("olga@example.org");

        Assert.True(await Store.TryAddAccountAsync(account, Ct));
        Assert.False(await Store.TryAddAccountAsync(account with { Name = "Other" }, Ct));

        Assert.Equal(account, await Store.GetAccountAsync(account.Id, Ct));
        Assert.Contains(account, await Store.ListAccountsAsync(Ct));
        Assert.True(await Store.DeleteAccountAsync(account.Id, Ct));
        Assert.False(await Store.DeleteAccountAsync(account.Id, Ct));
        Assert.Null(await Store.GetAccountAsync(account.Id, Ct));
    }

    [Fact]
    public async Task ATeamRoleIsPerEventReplacedListedAndRemoved()
    {
        var (eventId, other) = (NewEvent(), NewEvent());
        var owner = new TeamMember("org-a", TeamRoles.Owner, Now, "admin");
        var moderator = new TeamMember("org-b", TeamRoles.Moderator, Now, "org-a");

        await Store.SetMemberAsync(eventId, owner, Ct);
        await Store.SetMemberAsync(eventId, moderator, Ct);
        await Store.SetMemberAsync(eventId, moderator with { Role = TeamRoles.Organizer }, Ct);

        Assert.Equal(TeamRoles.Organizer, (await Store.GetMemberAsync(eventId, "org-b", Ct))!.Role);
        Assert.Null(await Store.GetMemberAsync(other, "org-b", Ct));
        Assert.Equal(["org-a", "org-b"], (await Store.ListTeamAsync(eventId, Ct)).Select(m => m.OrganizerId).Order());
        Assert.True(await Store.RemoveMemberAsync(eventId, "org-b", Ct));
        Assert.False(await Store.RemoveMemberAsync(eventId, "org-b", Ct));
        Assert.Equal([owner], await Store.ListTeamAsync(eventId, Ct));
    }

    [Fact]
    public async Task APurgeTakesTheTeamAlongButAccountsOutliveTheEvent()
    {
        var (purged, kept) = (NewEvent(), NewEvent());
        var account = Account();
        await Store.TryAddAccountAsync(account, Ct);
        await Store.SetMemberAsync(purged, new TeamMember(account.Id, TeamRoles.Owner, Now, "admin"), Ct);
        await Store.SetMemberAsync(kept, new TeamMember(account.Id, TeamRoles.Owner, Now, "admin"), Ct);

        await Purge.PurgeEventAsync(purged, Ct);

        Assert.Empty(await Store.ListTeamAsync(purged, Ct));
        Assert.Single(await Store.ListTeamAsync(kept, Ct));
        Assert.NotNull(await Store.GetAccountAsync(account.Id, Ct));
    }
}
