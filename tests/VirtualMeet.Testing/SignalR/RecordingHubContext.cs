using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace VirtualMeet.Testing;

/// <summary>One call a service made on a typed client of a <see cref="RecordingHubContext{THub,TClient}"/>.</summary>
/// <param name="Audience">Whom it was for: <c>all</c>, <c>group:{name}</c>, <c>user:{id}</c>, <c>users:{a,b}</c>, <c>connection:{id}</c> …</param>
/// <param name="Method">The client method, as <c>nameof</c> on the client interface gives it.</param>
/// <param name="Arguments">What it was called with.</param>
public sealed record RecordedPush(string Audience, string Method, IReadOnlyList<object?> Arguments);

/// <summary>
/// An <see cref="IHubContext{THub,T}"/> for testing a service without a server: every call on a typed client of any
/// <typeparamref name="TClient"/> interface is recorded with its audience, and nothing is sent.
/// </summary>
public sealed class RecordingHubContext<THub, TClient> : IHubContext<THub, TClient>
    where THub : Hub<TClient>
    where TClient : class
{
    private readonly Lock _gate = new();
    private readonly List<RecordedPush> _pushes = [];

    public RecordingHubContext() => Clients = new Audiences(this);

    public IHubClients<TClient> Clients { get; }

    /// <summary>Group changes are recorded like pushes: audience <c>connection:{id}</c>, method <c>AddToGroup</c> or <c>RemoveFromGroup</c>, the group as argument.</summary>
    public IGroupManager Groups => new GroupRecorder(this);

    /// <summary>Every push so far, oldest first.</summary>
    public IReadOnlyList<RecordedPush> Pushes
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushes];
            }
        }
    }

    /// <summary>Each push of the one-argument client method <paramref name="method"/> with its audience, oldest first.</summary>
    public IReadOnlyList<(string Audience, T Message)> PushesOf<T>(string method) =>
        [.. Pushes.Where(p => p.Method == method).Select(p => (p.Audience, (T)p.Arguments.Single()!))];

    /// <summary>The message of each push of the one-argument client method <paramref name="method"/>, oldest first.</summary>
    public IReadOnlyList<T> Of<T>(string method) => [.. PushesOf<T>(method).Select(p => p.Message)];

    private void Add(RecordedPush push)
    {
        lock (_gate)
        {
            _pushes.Add(push);
        }
    }

    private TClient To(string audience)
    {
        var client = DispatchProxy.Create<TClient, ClientCallRecorder>();
        ((ClientCallRecorder)(object)client).Record = (method, arguments) => Add(new RecordedPush(audience, method, arguments));
        return client;
    }

    private static string List(IReadOnlyList<string> names) => string.Join(",", names);

    private sealed class GroupRecorder(RecordingHubContext<THub, TClient> owner) : IGroupManager
    {
        public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            owner.Add(new RecordedPush($"connection:{connectionId}", nameof(AddToGroupAsync)[..^5], [groupName]));
            return Task.CompletedTask;
        }

        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            owner.Add(new RecordedPush($"connection:{connectionId}", nameof(RemoveFromGroupAsync)[..^5], [groupName]));
            return Task.CompletedTask;
        }
    }

    private sealed class Audiences(RecordingHubContext<THub, TClient> owner) : IHubClients<TClient>
    {
        public TClient All => owner.To("all");

        public TClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => owner.To($"all-except:{List(excludedConnectionIds)}");

        public TClient Client(string connectionId) => owner.To($"connection:{connectionId}");

        public TClient Clients(IReadOnlyList<string> connectionIds) => owner.To($"connections:{List(connectionIds)}");

        public TClient Group(string groupName) => owner.To($"group:{groupName}");

        public TClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) =>
            owner.To($"group:{groupName}-except:{List(excludedConnectionIds)}");

        public TClient Groups(IReadOnlyList<string> groupNames) => owner.To($"groups:{List(groupNames)}");

        public TClient User(string userId) => owner.To($"user:{userId}");

        public TClient Users(IReadOnlyList<string> userIds) => owner.To($"users:{List(userIds)}");
    }
}

/// <summary>The typed client behind <see cref="RecordingHubContext{THub,TClient}"/>: hands each call on and completes it at once.</summary>
#pragma warning disable CA1852 // DispatchProxy derives the proxy type from this class at run time: it must not be sealed.
internal class ClientCallRecorder : DispatchProxy
#pragma warning restore CA1852
{
    public Action<string, object?[]> Record { get; set; } = (_, _) => { };

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.ReturnType != typeof(Task))
        {
            // Client results (Task<T>) would need an answer a recorder does not have.
            throw new NotSupportedException($"{targetMethod.Name} returns {targetMethod.ReturnType.Name}: a recording hub context records pushes only.");
        }

        Record(targetMethod.Name, args ?? []);
        return Task.CompletedTask;
    }
}
