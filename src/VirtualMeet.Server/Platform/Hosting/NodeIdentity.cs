using System.Globalization;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>Who this process is among the nodes serving one event.</summary>
public sealed class NodeIdentity(IOptions<HostingOptions> options)
{
    public string Name { get; } = options.Value.NodeName
        ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}");
}
