using Microsoft.Extensions.Options;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>
/// Who may sign up: the event's registration mode, the invitation codes and tickets the organiser issues, and the
/// one redemption each allows. A sign-up is admitted before the attendee is created; a sign-up that fails after
/// that leaves its code used (one code, at most one attendee, never two).
/// </summary>
internal sealed partial class AdmissionService(
    IAdmissionStore store,
    IEventStore events,
    IAuditLog audit,
    IOptions<AdmissionOptions> options,
    TimeProvider time,
    ILogger<AdmissionService> logger)
{
    /// <summary>Refuses the sign-up unless the event is open or <paramref name="request"/> redeems an unused code or ticket.</summary>
    public async Task AdmitAsync(EventDefinition definition, AttendeeRegistrationRequest request, CancellationToken cancellationToken)
    {
        switch (definition.Registration)
        {
            case RegistrationMode.Invitation:
                if (string.IsNullOrWhiteSpace(request.Code))
                    throw Refusal.InvalidArgument("This event admits sign-ups with an invitation code only; send it as 'code'.");
                // A code that cannot be one is answered like an unknown one, without asking the store.
                var redemption = AdmissionCodes.Normalise(request.Code) is { } code
                    ? await store.RedeemAsync(definition.Id, AdmissionKind.Invitation, AdmissionCodes.Hash(code), time.GetUtcNow(), cancellationToken)
                    : Redemption.Unknown;
                Admitted(definition.Id, redemption, "This invitation code is not valid for this event.",
                    "This invitation code has been used already; each code registers one attendee.");
                return;

            case RegistrationMode.Tickets:
                if (string.IsNullOrWhiteSpace(request.Code) || string.IsNullOrWhiteSpace(request.Email))
                    throw Refusal.InvalidArgument("This event admits ticket holders only; send the ticket id as 'code' and the ticket's 'email'.");
                var ticketId = TicketRows.NormaliseId(request.Code);
                var ticket = ticketId is null ? null : await store.GetTicketAsync(definition.Id, ticketId, cancellationToken);
                // A wrong email is answered like an unknown ticket: whether an id exists, or was used, is not told to
                // someone who does not know its email.
                var result = ticket is not null && TicketRows.SameEmail(ticket.Email, request.Email)
                    ? await store.RedeemAsync(definition.Id, AdmissionKind.Ticket, ticket.TicketId, time.GetUtcNow(), cancellationToken)
                    : Redemption.Unknown;
                Admitted(definition.Id, result, "No ticket of this event has this ticket id and email.",
                    $"Ticket '{ticketId}' has registered an attendee already; each ticket registers one attendee.");
                return;

            default:
                return;
        }
    }

    /// <summary>Changes the event's mode; refused once its first session has started.</summary>
    public async Task<EventDefinition> SetModeAsync(string eventId, RegistrationMode mode, AuditActor actor, CancellationToken cancellationToken)
    {
        var definition = await events.GetAsync(eventId, cancellationToken) ?? throw NoEvent(eventId);
        if (definition.Registration == mode)
            return definition;

        var startsAt = definition.Sessions.Min(s => s.StartsAt);
        if (time.GetUtcNow() >= startsAt)
            throw Refusal.Conflict($"Event '{eventId}' started at {startsAt:u}; its registration mode can no longer change.");

        var changed = definition with { Registration = mode };
        if (!await events.ReplaceAsync(changed, cancellationToken))
            throw NoEvent(eventId);
        LogModeChanged(eventId, definition.Registration, mode);
        await audit.RecordAsync(eventId, actor, AuditActions.RegistrationMode, eventId, $"{definition.Registration}->{mode}".ToLowerInvariant(), cancellationToken);
        return changed;
    }

    /// <summary>New one-time codes; only their hashes are kept, so the answer is the only time they are shown.</summary>
    public async Task<IReadOnlyList<string>> GenerateInvitationsAsync(string eventId, int count, AuditActor actor, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxInvitationsPerRequest;
        if (count < 1 || count > max)
            throw Refusal.InvalidArgument($"Generate 1 to {max} invitation codes at a time, not {count}.");

        var codes = Enumerable.Range(0, count).Select(_ => AdmissionCodes.NewInvitation()).ToList();
        await store.AddInvitationsAsync(eventId, codes.Select(c => AdmissionCodes.Hash(AdmissionCodes.Normalise(c)!)).ToList(), cancellationToken);
        LogInvitationsGenerated(eventId, count);
        await audit.RecordAsync(eventId, actor, AuditActions.InvitationsGenerate, eventId, $"count={count}", cancellationToken);
        return codes;
    }

    /// <summary>Adds the tickets of an import (all or none: a row with a problem refuses the whole import).</summary>
    public async Task<(TicketImportResult? Result, ValidationErrors Errors)> ImportTicketsAsync(
        string eventId, IReadOnlyList<(string Row, TicketDefinition Ticket)> rows, ValidationErrors errors, AuditActor actor,
        CancellationToken cancellationToken)
    {
        var max = options.Value.MaxTicketsPerImport;
        if (rows.Count > max)
            errors.Add("body", $"An import holds at most {max} tickets, not {rows.Count}; split it.");
        if (rows.Count == 0 && errors.Count == 0)
            errors.Add("body", "The import holds no tickets.");
        if (errors.Count > 0)
            return (null, errors);

        var tickets = TicketRows.Validate(rows, errors);
        if (errors.Count > 0)
            return (null, errors);

        var added = await store.AddTicketsAsync(eventId, tickets, cancellationToken);
        var tally = await store.CountAsync(eventId, cancellationToken);
        LogTicketsImported(eventId, added, tickets.Count - added);
        await audit.RecordAsync(eventId, actor, AuditActions.TicketsImport, eventId, $"added={added} unchanged={tickets.Count - added}", cancellationToken);
        return (new TicketImportResult(added, tickets.Count - added, tally.TicketsIssued), errors);
    }

    public async Task<AdmissionSummary> SummaryAsync(EventDefinition definition, CancellationToken cancellationToken)
    {
        var tally = await store.CountAsync(definition.Id, cancellationToken);
        return new AdmissionSummary(definition.Registration,
            new AdmissionCount(tally.InvitationsIssued, tally.InvitationsUsed),
            new AdmissionCount(tally.TicketsIssued, tally.TicketsUsed));
    }

    public async Task<IReadOnlyList<TicketView>> ListTicketsAsync(string eventId, CancellationToken cancellationToken) =>
        (await store.ListTicketsAsync(eventId, cancellationToken))
            .OrderBy(t => t.Ticket.TicketId, StringComparer.Ordinal)
            .Select(t => new TicketView(t.Ticket.TicketId, t.Ticket.Name, t.Ticket.Email, t.Ticket.Category, t.UsedAt is not null, t.UsedAt))
            .ToList();

    private void Admitted(string eventId, Redemption redemption, string unknown, string used)
    {
        LogRedemption(eventId, redemption);
        switch (redemption)
        {
            case Redemption.Unknown:
                throw Refusal.InvalidArgument(unknown);
            case Redemption.AlreadyUsed:
                throw Refusal.Conflict(used);
        }
    }

    private static Refusal NoEvent(string eventId) => Refusal.NotFound($"Event '{eventId}' does not exist.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration mode of event {EventId} changed from {Previous} to {Mode}")]
    private partial void LogModeChanged(string eventId, RegistrationMode previous, RegistrationMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} invitation codes generated for event {EventId}")]
    private partial void LogInvitationsGenerated(string eventId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket import for event {EventId}: {Added} added, {Unchanged} unchanged")]
    private partial void LogTicketsImported(string eventId, int added, int unchanged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission to event {EventId}: {Redemption}")]
    private partial void LogRedemption(string eventId, Redemption redemption);
}
