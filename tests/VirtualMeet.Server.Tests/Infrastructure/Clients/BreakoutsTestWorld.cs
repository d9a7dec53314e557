using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// An event with breakouts in a node's store, and tokens from the node's own issuer: room A (20 seats) and
/// room B (5 seats) moderated by <c>host</c>, room C moderated by <c>mod-c</c>, and a registration room that
/// admits confirmed registrations only.
/// </summary>
internal sealed class BreakoutsTestWorld(VirtualMeetNode node, string eventId) : EventOnNode(node, eventId)
{
    // Session ids unique per event, so an organizer (whose token spans events) finds exactly one.
    public string RoomA => "room-a-" + EventId;

    public string RoomB => "room-b-" + EventId;

    public string RoomC => "room-c-" + EventId;

    public string RegistrationRoom => "reg-room-" + EventId;

    public static async Task<BreakoutsTestWorld> CreateAsync(VirtualMeetNode node)
    {
        var start = TestEvents.Start;
        SessionDefinition Breakout(string id, int capacity, string? moderator = null, bool registration = false) =>
            new(id, SessionKind.Breakout, new LocalizedText(id, null), "de", start, start.AddHours(1),
                Capacity: capacity, RegistrationRequired: registration, ModeratorIds: moderator is null ? null : [moderator]);

        var world = new BreakoutsTestWorld(node, TestEvents.NewId("breakouts"));
        var definition = new EventDefinition(world.EventId, "Breakouts", "Europe/Berlin", ["de"],
            [
                new SessionDefinition("keynote", SessionKind.Keynote, new LocalizedText("Bühne", null), "de", start, start.AddHours(1)),
                Breakout(world.RoomA, 20, "host"),
                Breakout(world.RoomB, 5, "host"),
                Breakout(world.RoomC, 5, "mod-c"),
                Breakout(world.RegistrationRoom, 10, registration: true),
            ],
            [new PersonDefinition("host", "Hanna Host"), new PersonDefinition("mod-c", "Carl Moderator")]);
        await AddEventAsync(node, definition);
        return world;
    }

    public BreakoutsTestWorld On(VirtualMeetNode other) => new(other, EventId);

    public string Attendee(string id) => Issuer.IssueAttendee(EventId, id, "de").AccessToken;

    public string Moderator(string personId, string? eventId = null) =>
        Issuer.IssuePerson(eventId ?? EventId, personId, [Roles.Attendee, Roles.Moderator]).AccessToken;

    public string Organizer() => Issuer.IssueOrganizer().AccessToken;

    public async Task<BreakoutClient> ConnectAsync(string token) =>
        new(await Node.ConnectAsync(HubRoutes.Breakouts, token));
}
