using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts.Breakouts;

namespace VirtualMeet.LoadTest.Clients;

/// <summary>
/// A breakout member's view of who is in the room: the join snapshot plus every presence push newer than it,
/// applied in version order, exactly as a client renders it. A version gap means the client would rejoin.
/// </summary>
internal sealed class RoomView
{
    private readonly List<(long Version, string Participant, bool Joined)> _pushes = [];
    private readonly Lock _gate = new();
    private HashSet<string>? _snapshot;
    private long _snapshotVersion;

    public void Subscribe(HubConnection connection)
    {
        connection.On<ParticipantJoined>(nameof(IBreakoutsClient.ParticipantJoined), j =>
        {
            lock (_gate) _pushes.Add((j.Version, j.Participant.ParticipantId, true));
        });
        connection.On<ParticipantLeft>(nameof(IBreakoutsClient.ParticipantLeft), l =>
        {
            lock (_gate) _pushes.Add((l.Version, l.ParticipantId, false));
        });
    }

    public void Apply(BreakoutRoomState state)
    {
        lock (_gate)
        {
            _snapshot = state.Participants.Select(p => p.ParticipantId).ToHashSet(StringComparer.Ordinal);
            _snapshotVersion = state.Version;
        }
    }

    /// <summary>Who the client shows now, and whether its pushes since the snapshot have a version gap.</summary>
    public (IReadOnlySet<string> Participants, bool Gap) Current()
    {
        lock (_gate)
        {
            var shown = new HashSet<string>(_snapshot ?? [], StringComparer.Ordinal);
            var expected = _snapshotVersion + 1;
            var gap = false;
            foreach (var (version, participant, joined) in _pushes.Where(p => p.Version > _snapshotVersion).OrderBy(p => p.Version))
            {
                gap |= version != expected;
                expected = version + 1;
                if (joined)
                    shown.Add(participant);
                else
                    shown.Remove(participant);
            }

            return (shown, gap);
        }
    }
}
