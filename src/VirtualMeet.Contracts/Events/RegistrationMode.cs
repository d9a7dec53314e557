using System.Text.Json.Serialization;

namespace VirtualMeet.Contracts.Events;

/// <summary>Who may register for an event; serialized in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegistrationMode>))]
public enum RegistrationMode
{
    /// <summary>Anyone with a display name.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Holders of a one-time invitation code the organiser generated.</summary>
    [JsonStringEnumMemberName("invitation")] Invitation,

    /// <summary>Holders of a ticket the organiser imported: its ticket id and its email, once per ticket.</summary>
    [JsonStringEnumMemberName("tickets")] Tickets,
}
