using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using VirtualMeet.SignalR.Redis.Internal;

namespace VirtualMeet.SignalR.Redis;

// What a node does with the messages it receives. These run on a channel's single consumer, never on the
// Redis callback thread; an exception is logged by the consumer and the channel keeps flowing.
public sealed partial class RedisHubLifetimeManager<THub>
{
    private Task WriteToStoreAsync(HubConnectionStore store, byte[] payload)
    {
        var invocation = BackplaneProtocol.ReadInvocation(payload);
        var excluded = invocation.ExcludedConnectionIds;
        var excludedSet = excluded is { Count: > 8 } ? new HashSet<string>(excluded, StringComparer.Ordinal) : null;
        List<Task>? pending = null;
        foreach (var connection in store)
        {
            if (excluded is not null && (excludedSet?.Contains(connection.ConnectionId) ?? excluded.Contains(connection.ConnectionId)))
            {
                continue;
            }

            // Every write starts before any is awaited: one slow or failing connection never holds up the others.
            var write = SafeWriteAsync(connection, invocation.Message);
            if (!write.IsCompletedSuccessfully)
            {
                (pending ??= []).Add(write.AsTask());
            }
        }

        return pending is null ? Task.CompletedTask : Task.WhenAll(pending);
    }

    private async Task OnConnectionMessageAsync(HubConnectionContext connection, byte[] payload)
    {
        var invocation = BackplaneProtocol.ReadInvocation(payload);
        if (invocation.InvocationId is { } invocationId && invocation.ReturnServer is { } returnServer)
        {
            // A client result asked by another node: remember where to send the client's answer.
            _results.AddProxied(connection.ConnectionId, invocationId, returnServer);
            try
            {
                await connection.WriteAsync(invocation.Message);
            }
            catch (Exception ex)
            {
                _results.Forget(invocationId);
                await _publisher.TryPublishAsync(_channels.Return(returnServer), BackplaneProtocol.WriteConnectionGone(invocationId));
                BackplaneLog.WriteFailed(_logger, connection.ConnectionId, ex);
            }

            return;
        }

        await SafeWriteAsync(connection, invocation.Message);
    }

    private async Task OnGroupCommandAsync(byte[] payload)
    {
        var command = BackplaneProtocol.ReadGroupCommand(payload);
        if (_connections[command.ConnectionId] is not { } connection)
        {
            // Another node owns the connection (or nobody does): only the owner acks.
            return;
        }

        if (command.Action == GroupAction.Add)
        {
            await AddMembershipAsync(connection, command.GroupName);
        }
        else
        {
            await RemoveMembershipAsync(connection, command.GroupName);
        }

        await _publisher.TryPublishAsync(_channels.Ack(command.ServerName), BackplaneProtocol.WriteAck(command.Id));
    }

    private Task OnAck(byte[] payload)
    {
        _acks.Complete(BackplaneProtocol.ReadAck(payload));
        return Task.CompletedTask;
    }

    private Task OnReturn(byte[] payload)
    {
        var returned = BackplaneProtocol.ReadReturn(payload);
        if (!_results.TryGetConnectionId(returned.InvocationId, out var connectionId))
        {
            return Task.CompletedTask; // Timed out or cancelled meanwhile.
        }

        if (returned.ConnectionGone)
        {
            _results.Fail(returned.InvocationId, new IOException($"Connection '{connectionId}' disconnected."));
            return Task.CompletedTask;
        }

        var protocol = _protocolResolver.GetProtocol(returned.ProtocolName!, null);
        if (protocol is null)
        {
            _results.Fail(returned.InvocationId, new HubException($"Protocol '{returned.ProtocolName}' is not registered on this node."));
            return Task.CompletedTask;
        }

        var input = new System.Buffers.ReadOnlySequence<byte>(returned.Completion);
        if (protocol.TryParseMessage(ref input, new ReturnTypeBinder(_results), out var message) && message is CompletionMessage completion)
        {
            _results.CompleteRemote(completion);
        }
        else
        {
            _results.Fail(returned.InvocationId, new HubException("The client result could not be read."));
        }

        return Task.CompletedTask;
    }

    private async ValueTask SafeWriteAsync(HubConnectionContext connection, SerializedHubMessage message)
    {
        try
        {
            await connection.WriteAsync(message);
        }
#pragma warning disable CA1031 // A failed write to one connection is logged; it must not fail the send or other writes.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            BackplaneLog.WriteFailed(_logger, connection.ConnectionId, ex);
        }
    }

    private sealed class ReturnTypeBinder(ClientResultsTracker results) : IInvocationBinder
    {
        public Type GetReturnType(string invocationId) =>
            results.TryGetType(invocationId, out var type) ? type : throw new InvalidOperationException($"Unknown invocation ID '{invocationId}'.");

        public IReadOnlyList<Type> GetParameterTypes(string methodName) => throw new NotSupportedException();

        public Type GetStreamItemType(string streamId) => throw new NotSupportedException();
    }
}
