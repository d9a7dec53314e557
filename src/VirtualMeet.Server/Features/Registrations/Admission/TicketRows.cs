using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>
/// The rules of one imported ticket. Ticket ids come from ticketing systems, so they may have upper-case letters,
/// dots or slashes; they are compared ignoring case (stored upper case). Every ticket needs an email: in
/// <c>tickets</c> mode the id alone does not admit anyone, the email must match as well.
/// </summary>
internal static class TicketRows
{
    public const int MaxTicketId = 64;
    public const int MaxCategory = 50;

    /// <summary>The id as stored and looked up; <c>null</c> when it breaks the rule.</summary>
    public static string? NormaliseId(string? ticketId)
    {
        var id = ticketId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > MaxTicketId
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            return null;
        }

        return id.ToUpperInvariant();
    }

    public static bool SameEmail(string ticketEmail, string? typed) =>
        typed is not null && string.Equals(ticketEmail, typed.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The tickets as stored, or every problem keyed <c>{row}.{field}</c>.</summary>
    public static IReadOnlyList<TicketDefinition> Validate(
        IReadOnlyList<(string Row, TicketDefinition Ticket)> rows, ValidationErrors errors)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var valid = new List<TicketDefinition>(rows.Count);
        foreach (var (row, ticket) in rows)
        {
            var before = errors.Count;
            var id = NormaliseId(ticket.TicketId);
            if (id is null)
                errors.Add($"{row}.ticketId", $"A ticket id has 1 to {MaxTicketId} letters, digits, '-', '_', '.' or '/'.");
            else if (seen.TryGetValue(id, out var first))
                errors.Add($"{row}.ticketId", $"Ticket id '{id}' appears twice in the import (first at {first}).");
            else
                seen[id] = row;

            var name = ticket.Name?.Trim();
            var cleanName = UserText.Clean(name, AttendeeRequestValidator.MaxDisplayName, "A name");
            if (string.IsNullOrEmpty(name))
                errors.Add($"{row}.name", "A ticket needs a name.");
            else if (cleanName.Error is { } nameError)
                errors.Add($"{row}.name", nameError);

            var email = ticket.Email?.Trim();
            var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
            if (string.IsNullOrEmpty(email) || email.Length > AttendeeRequestValidator.MaxEmail || at < 1 || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
                errors.Add($"{row}.email", $"'{email}' is not an email address; every ticket needs one.");

            var category = string.IsNullOrWhiteSpace(ticket.Category) ? null : ticket.Category.Trim();
            var cleanCategory = UserText.Clean(category, MaxCategory, "A category");
            if (category is not null && cleanCategory.Error is { } categoryError)
                errors.Add($"{row}.category", categoryError);

            if (errors.Count == before)
                valid.Add(new TicketDefinition(id!, cleanName.Text!, email!, category is null ? null : cleanCategory.Text));
        }

        return valid;
    }
}
