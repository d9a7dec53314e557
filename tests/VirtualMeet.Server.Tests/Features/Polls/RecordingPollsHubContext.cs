using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Server.Features.Polls;

namespace VirtualMeet.Server.Tests.Features.Polls;

/// <summary>An <see cref="IHubContext{THub,T}"/> that records group pushes, for service tests without a server.</summary>
internal sealed class RecordingPollsHubContext : IHubContext<PollsHub, IPollsClient>
{
    private readonly Lock _gate = new();
    private readonly List<(string Group, string Method, object Message)> _pushes = [];

    public IHubClients<IPollsClient> Clients => new GroupClients(this);

    public IGroupManager Groups => throw new NotSupportedException();

    public IReadOnlyList<(string Group, string Method, object Message)> Pushes
    {
        get { lock (_gate) return [.. _pushes]; }
    }

    public IReadOnlyList<T> Of<T>(string method) => Pushes.Where(p => p.Method == method).Select(p => (T)p.Message).ToList();

    private void Add(string group, string method, object message)
    {
        lock (_gate) _pushes.Add((group, method, message));
    }

    private sealed class GroupClients(RecordingPollsHubContext owner) : IHubClients<IPollsClient>
    {
        public IPollsClient Group(string groupName) => new Recorder(owner, groupName);

        public IPollsClient All => throw new NotSupportedException();

        public IPollsClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IPollsClient Client(string connectionId) => throw new NotSupportedException();

        public IPollsClient Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IPollsClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IPollsClient Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IPollsClient User(string userId) => throw new NotSupportedException();

        public IPollsClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }

    private sealed class Recorder(RecordingPollsHubContext owner, string group) : IPollsClient
    {
        public Task PollOpened(PollState state)
        {
            owner.Add(group, nameof(PollOpened), state);
            return Task.CompletedTask;
        }

        public Task PollResults(PollResultsView results)
        {
            owner.Add(group, nameof(PollResults), results);
            return Task.CompletedTask;
        }

        public Task PollClosed(PollState state)
        {
            owner.Add(group, nameof(PollClosed), state);
            return Task.CompletedTask;
        }
    }
}
