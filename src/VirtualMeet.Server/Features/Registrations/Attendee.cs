namespace VirtualMeet.Server.Features.Registrations;

/// <summary>A registered attendee: the personal data that erasure removes.</summary>
public sealed record Attendee(
    string Id,
    string EventId,
    string DisplayName,
    string? Email,
    string? Organization,
    string Language,
    IReadOnlyList<string> Interests,
    DateTimeOffset RegisteredAt);
