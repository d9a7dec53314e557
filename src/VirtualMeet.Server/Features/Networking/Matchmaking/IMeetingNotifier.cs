using VirtualMeet.Contracts.Matchmaking;

namespace VirtualMeet.Server.Features.Networking.Matchmaking;

/// <summary>
/// How matchmaking tells both people of a meeting about it. Owned here and implemented by the bars, where a
/// meeting is held at a private table, so matchmaking never names the bars' hub.
/// </summary>
internal interface IMeetingNotifier
{
    Task RequestedAsync(MeetingView meeting);

    /// <summary>The meeting was accepted, declined or cancelled; <paramref name="meeting"/> is its stored state.</summary>
    Task ChangedAsync(MeetingRecord meeting, MeetingView view);
}
