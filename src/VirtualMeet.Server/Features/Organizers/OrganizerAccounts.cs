using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Organizers;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Refusals;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Organizers;

/// <summary>Creates, lists and deletes organizer accounts, and checks a sign-in's secret.</summary>
internal sealed partial class OrganizerAccounts(
    IOrganizerStore store,
    IEventStore events,
    TokenRevocations revocations,
    IOptions<OrganizersOptions> options,
    TimeProvider time,
    ILogger<OrganizerAccounts> logger)
{
    /// <summary>A new account and its secret, which is returned this once and stored only as a hash.</summary>
    public async Task<CreatedOrganizer> CreateAsync(CreateOrganizerRequest? request, string createdBy, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var name = UserText.Require(request?.Name, settings.MaxNameLength, "A name");
        var email = string.IsNullOrWhiteSpace(request!.Email) ? null : request.Email.Trim();
        if (email is not null && (email.Length > settings.MaxEmailLength || email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.Any(char.IsWhiteSpace)))
            throw Refusal.InvalidArgument($"email is an address of at most {settings.MaxEmailLength} characters, or absent.");
        if ((await store.ListAccountsAsync(cancellationToken)).Count >= settings.MaxAccounts)
            throw Refusal.Conflict($"There are {settings.MaxAccounts} organizer accounts already (Organizers:MaxAccounts); delete one first.");

        var secret = OrganizerSecrets.NewSecret();
        var account = new OrganizerAccount(OrganizerSecrets.NewId(), name, email, request.AcrossEvents, OrganizerSecrets.Hash(secret), time.GetUtcNow());
        if (!await store.TryAddAccountAsync(account, cancellationToken))
            throw Refusal.Conflict("The drawn organizer id is taken; try again.");
        LogCreated(account.Id, account.AcrossEvents, createdBy);
        return new CreatedOrganizer(View(account), secret);
    }

    public async Task<IReadOnlyList<OrganizerAccountView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAccountsAsync(cancellationToken)).OrderBy(a => a.CreatedAt).Select(View)];

    public async Task DeleteAsync(string organizerId, string deletedBy, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAccountAsync(organizerId, cancellationToken))
            throw Refusal.NotFound($"There is no organizer account '{organizerId}'.");
        // The account's tokens stop at once: those spanning events, and its event tokens in every event it was on the
        // team of (one read per event: accounts are deleted rarely, and events number in the hundreds at most).
        await revocations.RevokeAsync(Revocation.OfSubject(TokenRevocations.AcrossEvents, organizerId), cancellationToken);
        foreach (var definition in await events.ListAsync(cancellationToken))
        {
            if (await store.GetMemberAsync(definition.Id, organizerId, cancellationToken) is not null)
                await revocations.RevokeAsync(Revocation.OfSubject(definition.Id, organizerId), cancellationToken);
        }

        LogDeleted(organizerId, deletedBy);
    }

    /// <summary>The account when the secret is its own; <c>null</c> for an unknown id or a wrong secret alike.</summary>
    public async Task<OrganizerAccount?> SignInAsync(string organizerId, string secret, CancellationToken cancellationToken)
    {
        var account = await store.GetAccountAsync(organizerId, cancellationToken);
        return account is not null && OrganizerSecrets.Matches(secret, account.SecretHash) ? account : null;
    }

    public Task<OrganizerAccount?> FindAsync(string organizerId, CancellationToken cancellationToken) =>
        store.GetAccountAsync(organizerId, cancellationToken);

    public static OrganizerAccountView View(OrganizerAccount account) =>
        new(account.Id, account.Name, account.Email, account.AcrossEvents, account.CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organizer account {OrganizerId} created (across events: {AcrossEvents}) by {ActorId}")]
    private partial void LogCreated(string organizerId, bool acrossEvents, string actorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organizer account {OrganizerId} deleted by {ActorId}")]
    private partial void LogDeleted(string organizerId, string actorId);
}
