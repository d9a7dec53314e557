using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bar;
using VirtualMeet.Contracts.Matchmaking;
using VirtualMeet.Server.Bar;

namespace VirtualMeet.Server.Tests.Bar;

/// <summary>An <see cref="IHubContext{THub,T}"/> that records <c>TableChanged</c> pushes and their audience.</summary>
internal sealed class RecordingBarHubContext : IHubContext<BarHub, IBarClient>
{
    private readonly Lock _gate = new();
    private readonly List<(string Audience, BarTablesUpdate Update)> _tableChanges = [];

    public IHubClients<IBarClient> Clients => new Audiences(this);

    public IGroupManager Groups => throw new NotSupportedException();

    public IReadOnlyList<(string Audience, BarTablesUpdate Update)> TableChanges
    {
        get { lock (_gate) return [.. _tableChanges]; }
    }

    private void Add(string audience, BarTablesUpdate update)
    {
        lock (_gate) _tableChanges.Add((audience, update));
    }

    private sealed class Audiences(RecordingBarHubContext owner) : IHubClients<IBarClient>
    {
        public IBarClient Group(string groupName) => new Recorder(owner, "group:" + groupName);

        public IBarClient Users(IReadOnlyList<string> userIds) => new Recorder(owner, "users:" + string.Join(",", userIds));

        public IBarClient User(string userId) => new Recorder(owner, "users:" + userId);

        public IBarClient All => throw new NotSupportedException();

        public IBarClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IBarClient Client(string connectionId) => throw new NotSupportedException();

        public IBarClient Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IBarClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IBarClient Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();
    }

    private sealed class Recorder(RecordingBarHubContext owner, string audience) : IBarClient
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
