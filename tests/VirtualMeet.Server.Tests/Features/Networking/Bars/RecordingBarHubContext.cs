using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Features.Networking.Bars;

namespace VirtualMeet.Server.Tests.Features.Networking.Bars;

/// <summary>An <see cref="IHubContext{THub,T}"/> that records <c>TableChanged</c> pushes and their audience.</summary>
internal sealed class RecordingBarHubContext : IHubContext<BarsHub, IBarsClient>
{
    private readonly Lock _gate = new();
    private readonly List<(string Audience, BarTablesUpdate Update)> _tableChanges = [];

    public IHubClients<IBarsClient> Clients => new Audiences(this);

    public IGroupManager Groups => throw new NotSupportedException();

    public IReadOnlyList<(string Audience, BarTablesUpdate Update)> TableChanges
    {
        get { lock (_gate) return [.. _tableChanges]; }
    }

    private void Add(string audience, BarTablesUpdate update)
    {
        lock (_gate) _tableChanges.Add((audience, update));
    }

    private sealed class Audiences(RecordingBarHubContext owner) : IHubClients<IBarsClient>
    {
        public IBarsClient Group(string groupName) => new Recorder(owner, "group:" + groupName);

        public IBarsClient Users(IReadOnlyList<string> userIds) => new Recorder(owner, "users:" + string.Join(",", userIds));

        public IBarsClient User(string userId) => new Recorder(owner, "users:" + userId);

        public IBarsClient All => throw new NotSupportedException();

        public IBarsClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IBarsClient Client(string connectionId) => throw new NotSupportedException();

        public IBarsClient Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IBarsClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IBarsClient Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();
    }

    private sealed class Recorder(RecordingBarHubContext owner, string audience) : IBarsClient
    {
        public Task TableChanged(BarTablesUpdate update)
        {
            owner.Add(audience, update);
            return Task.CompletedTask;
        }

        public Task ParticipantJoined(TableParticipantChange change) => Task.CompletedTask;

        public Task ParticipantLeft(TableParticipantChange change) => Task.CompletedTask;

        public Task ChatReceived(TableChatMessage message) => Task.CompletedTask;

        public Task Signal(TableSignal signal) => Task.CompletedTask;

        public Task MeetingRequested(MeetingView meeting) => Task.CompletedTask;

        public Task MeetingUpdated(MeetingView meeting) => Task.CompletedTask;
    }
}
