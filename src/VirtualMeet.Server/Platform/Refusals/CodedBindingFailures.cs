using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VirtualMeet.Server.Platform.Refusals;

/// <summary>
/// Codes the calls whose arguments cannot be bound (wrong type, wrong count, unknown method) as
/// <c>invalid_argument</c>. SignalR binds arguments in the hub protocol, before any hub filter runs, and hands the
/// dispatcher an <see cref="InvocationBindingFailureMessage"/>; the dispatcher answers "Failed to invoke 'X' due to
/// an error on the server." and appends the binding exception's message only when it is a
/// <see cref="HubException"/>. So every registered protocol is wrapped, and the binding exception it reports is
/// replaced by the refusal's hub error: the client reads
/// <c>Failed to invoke 'JoinStage' due to an error on the server. HubException: invalid_argument: ...</c>.
/// </summary>
internal static class CodedBindingFailures
{
    private const int MaxQuotedTarget = 100;

    /// <summary>
    /// Resolves protocols through <see cref="Resolver"/>, which wraps each registered one. Wrapping at resolution
    /// rather than registration holds however often a protocol is registered (SignalR adds JSON with TryAddEnumerable
    /// on every AddSignalR call, and its resolver keeps the last registration of a name).
    /// </summary>
    public static IServiceCollection AddCodedBindingFailures(this IServiceCollection services)
    {
        services.RemoveAll<IHubProtocolResolver>();
        services.AddSingleton<IHubProtocolResolver, Resolver>();
        return services;
    }

    internal static string Describe(string target, IInvocationBinder binder)
    {
        var quoted = target.Length <= MaxQuotedTarget ? target : target[..MaxQuotedTarget] + "…";
        try
        {
            var count = binder.GetParameterTypes(target).Count;
            return $"The arguments do not match the {count} parameter(s) of '{quoted}'.";
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException)
        {
            return $"This hub has no method '{quoted}'.";
        }
    }

    /// <summary>SignalR's default resolution (the last registration of a name wins, names ignore case), wrapped.</summary>
    private sealed class Resolver : IHubProtocolResolver
    {
        private readonly Dictionary<string, IHubProtocol> _byName = new(StringComparer.OrdinalIgnoreCase);

        public Resolver(IEnumerable<IHubProtocol> protocols)
        {
            foreach (var protocol in protocols)
                _byName[protocol.Name] = new Coding(protocol);
            AllProtocols = [.. _byName.Values];
        }

        public IReadOnlyList<IHubProtocol> AllProtocols { get; }

        public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
            _byName.TryGetValue(protocolName, out var protocol)
                && (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
                ? protocol
                : null;
    }

    private sealed class Coding(IHubProtocol inner) : IHubProtocol
    {
        public string Name => inner.Name;

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
        {
            if (!inner.TryParseMessage(ref input, binder, out message))
                return false;

            if (message is InvocationBindingFailureMessage failure)
            {
                var error = RefusalHubFilter.ToHubException(Refusal.InvalidArgument(Describe(failure.Target, binder)));
                message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(error))
                {
                    Headers = failure.Headers,
                };
            }

            return true;
        }

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
    }
}
