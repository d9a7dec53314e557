using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Invocations waiting for a client result on this node. Two kinds share one table, keyed by invocation id
/// (ids are prefixed with the server name, so they are unique across nodes):
///  - awaited: this node called InvokeConnectionAsync and awaits the typed result;
///  - proxied: another node called it for a connection held here; the client's completion is forwarded back.
internal sealed class ClientResultsTracker
{
    private readonly ConcurrentDictionary<string, PendingInvocation> _pending = new(StringComparer.Ordinal);

    public Task<T> AddAwaited<T>(string connectionId, string invocationId, CancellationToken cancellationToken)
    {
        var pending = new AwaitedInvocation<T>(connectionId, this, invocationId, cancellationToken);
        Add(invocationId, pending);
        return pending.Task;
    }

    public void AddProxied(string connectionId, string invocationId, string returnServer) =>
        Add(invocationId, new ProxiedInvocation(connectionId, returnServer));

    public bool TryGetType(string invocationId, [NotNullWhen(true)] out Type? type)
    {
        type = _pending.TryGetValue(invocationId, out var pending) ? pending.ResultType : null;
        return type is not null;
    }

    public bool TryGetConnectionId(string invocationId, [NotNullWhen(true)] out string? connectionId)
    {
        connectionId = _pending.TryGetValue(invocationId, out var pending) ? pending.ConnectionId : null;
        return connectionId is not null;
    }

    /// A completion sent by the client of <paramref name="connectionId"/>. Returns the proxied invocation to forward,
    /// if any. Completing someone else's invocation is a protocol violation; an unknown id is ignored (late or duplicate).
    public ProxiedInvocation? Complete(string connectionId, CompletionMessage completion)
    {
        var invocationId = completion.InvocationId ?? throw new InvalidOperationException("A completion needs an invocation id.");
        if (!_pending.TryGetValue(invocationId, out var pending))
        {
            return null;
        }

        if (!string.Equals(pending.ConnectionId, connectionId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Connection ID '{connectionId}' is not valid for invocation ID '{invocationId}'.");
        }

        if (!_pending.TryRemove(invocationId, out _))
        {
            return null;
        }

        pending.Complete(completion);
        return pending as ProxiedInvocation;
    }

    /// A completion that came back from another node for an invocation this node awaits.
    public void CompleteRemote(CompletionMessage completion)
    {
        if (completion.InvocationId is { } id && _pending.TryRemove(id, out var pending))
        {
            pending.Complete(completion);
        }
    }

    public void Fail(string invocationId, Exception exception)
    {
        if (_pending.TryRemove(invocationId, out var pending))
        {
            pending.Fail(exception);
        }
    }

    public void Forget(string invocationId) => _pending.TryRemove(invocationId, out _);

    /// The connection left: awaited invocations fail with IOException, proxied ones are returned so their callers can be told.
    public List<(string InvocationId, ProxiedInvocation Invocation)> ConnectionGone(string connectionId)
    {
        var proxied = new List<(string, ProxiedInvocation)>();
        foreach (var (id, pending) in _pending)
        {
            if (string.Equals(pending.ConnectionId, connectionId, StringComparison.Ordinal) && _pending.TryRemove(id, out _))
            {
                if (pending is ProxiedInvocation p)
                {
                    proxied.Add((id, p));
                }
                else
                {
                    pending.Fail(new IOException($"Connection '{connectionId}' disconnected."));
                }
            }
        }

        return proxied;
    }

    private void Add(string invocationId, PendingInvocation pending)
    {
        if (!_pending.TryAdd(invocationId, pending))
        {
            throw new InvalidOperationException($"Invocation ID '{invocationId}' is already in use.");
        }
    }

    internal abstract class PendingInvocation(string connectionId, Type resultType)
    {
        public string ConnectionId { get; } = connectionId;

        public Type ResultType { get; } = resultType;

        public abstract void Complete(CompletionMessage completion);

        public abstract void Fail(Exception exception);
    }

    internal sealed class ProxiedInvocation(string connectionId, string returnServer) : PendingInvocation(connectionId, typeof(RawResult))
    {
        public string ReturnServer { get; } = returnServer;

        public override void Complete(CompletionMessage completion)
        {
        }

        public override void Fail(Exception exception)
        {
        }
    }

    private sealed class AwaitedInvocation<T> : PendingInvocation
    {
        private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AwaitedInvocation(string connectionId, ClientResultsTracker owner, string invocationId, CancellationToken cancellationToken)
            : base(connectionId, typeof(T))
        {
            if (cancellationToken.CanBeCanceled)
            {
                // The registration lives as long as the token source; the caller disposes it after the await.
                // Same outcome as SignalR's in-memory manager; the caller maps aborts and timeouts to their own exceptions.
                cancellationToken.Register(() =>
                {
                    owner.Forget(invocationId);
                    _tcs.TrySetException(new HubException("Invocation canceled by the server."));
                });
            }
        }

        public Task<T> Task => _tcs.Task;

        public override void Complete(CompletionMessage completion)
        {
            if (completion.HasResult)
            {
                if (completion.Result is T value)
                {
                    _tcs.TrySetResult(value);
                }
                else if (completion.Result is null && default(T) is null)
                {
                    _tcs.TrySetResult(default!);
                }
                else
                {
                    _tcs.TrySetException(new HubException($"Client result of type {completion.Result?.GetType().Name ?? "null"} is not a {typeof(T).Name}."));
                }
            }
            else
            {
                _tcs.TrySetException(new HubException(completion.Error ?? "The client did not return a result."));
            }
        }

        public override void Fail(Exception exception) => _tcs.TrySetException(exception);
    }
}
