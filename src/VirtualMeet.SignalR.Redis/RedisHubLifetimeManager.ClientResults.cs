using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis;

// Client results across nodes: the invocation carries an id (prefixed with this node's name, so unique across
// nodes) and this node's name; the owning node forwards the client's completion to this node's return channel.
public sealed partial class RedisHubLifetimeManager<THub>
{
    private long _lastInvocationId;

    /// <inheritdoc />
    /// <remarks>
    /// Throws <see cref="IOException"/> when the connection exists on no node or disconnects before answering,
    /// <see cref="HubException"/> when the client answers with an error or the caller cancels (as SignalR's
    /// in-memory manager does), and <see cref="TimeoutException"/> after
    /// <see cref="RedisBackplaneOptions.ClientResultTimeout"/>.
    /// </remarks>
    public override async Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(methodName);
        await _started;

        var invocationId = _channels.ServerName + ":" + Interlocked.Increment(ref _lastInvocationId).ToString(CultureInfo.InvariantCulture);
        var local = _connections[connectionId];
        using var timeout = new CancellationTokenSource(_options.ClientResultTimeout, _timeProvider);
        using var linked = local is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, local.ConnectionAborted);
        var result = _results.AddAwaited<T>(connectionId, invocationId, linked.Token);
        try
        {
            var message = new InvocationMessage(invocationId, methodName, args);
            if (local is not null)
            {
                await local.WriteAsync(message, cancellationToken);
            }
            else
            {
                var payload = BackplaneProtocol.WriteInvocation(new SerializedHubMessage(message), _protocols, null, invocationId, _channels.ServerName);
                var receivers = await _publisher.PublishAsync(_channels.Connection(connectionId), payload, cancellationToken);
                if (receivers == 0)
                {
                    // Nobody subscribes to the connection's channel: it exists on no node.
                    throw new IOException($"Connection '{connectionId}' does not exist.");
                }
            }
        }
        catch
        {
            _results.Forget(invocationId);
            throw;
        }

        try
        {
            return await result;
        }
        catch (HubException) when (!cancellationToken.IsCancellationRequested && local?.ConnectionAborted.IsCancellationRequested == true)
        {
            throw new IOException($"Connection '{connectionId}' disconnected.");
        }
        catch (HubException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Connection '{connectionId}' did not return a result within {_options.ClientResultTimeout}.");
        }
    }

    /// <inheritdoc />
    public override async Task SetConnectionResultAsync(string connectionId, CompletionMessage result)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(result);
        if (_results.Complete(connectionId, result) is not { } proxied)
        {
            return;
        }

        // The caller is on another node: send the completion in the client's own protocol; the caller parses it
        // with the type it expects (the result is still raw bytes here, see TryGetReturnType).
        var protocol = _connections[connectionId]?.Protocol;
        if (protocol is null)
        {
            await _publisher.TryPublishAsync(_channels.Return(proxied.ReturnServer), BackplaneProtocol.WriteConnectionGone(result.InvocationId!));
            return;
        }

        var bytes = protocol.GetMessageBytes(result);
        await _publisher.TryPublishAsync(_channels.Return(proxied.ReturnServer), BackplaneProtocol.WriteReturn(result.InvocationId!, protocol.Name, bytes.Span));
    }

    /// <inheritdoc />
    public override bool TryGetReturnType(string invocationId, [NotNullWhen(true)] out Type? type) =>
        _results.TryGetType(invocationId, out type);
}
