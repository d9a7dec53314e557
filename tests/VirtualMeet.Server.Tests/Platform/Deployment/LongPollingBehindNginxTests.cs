using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// The shipped nginx configuration in front of two nodes on one Redis, with clients that negotiate and then long-poll,
/// the transport left where a proxy blocks WebSockets. Every poll and send of such a connection must reach the node
/// that answered its negotiate; nginx keeps a client address on one node.
/// </summary>
[Collection(LocalTopologies.Name)]
public sealed class LongPollingBehindNginxTests
{
    private const string Group = "long-polling";

    /// <summary>
    /// Clients come from different loopback addresses (127.0.0.2, .3, ...) until both nodes serve one, so the test
    /// also fails for a balancer that sends every client to the same node. Without stickiness a poll or send lands on
    /// the other node, which does not know the connection (404), and connecting fails.
    /// </summary>
    [Fact]
    public async Task LongPollingClientsStayOnTheirNodeAndReceiveAPushSentFromTheOtherNode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var topology = await LocalTopology.UpAsync(cancellationToken);
        var token = await topology.OrganizerTokenAsync(cancellationToken);

        var pollers = new Dictionary<string, Listener>(StringComparer.Ordinal);
        try
        {
            for (var host = 2; pollers.Count < 2; host++)
            {
                Assert.True(host < 40, $"nginx sent clients of {host - 2} addresses all to {string.Join(", ", pollers.Keys)}");
                var source = IPAddress.Parse($"127.0.0.{host}");
                var poller = await Listener.ConnectAsync(new Uri(topology.NginxUrl, HubRoutes.Diagnostics), token, options =>
                {
                    options.Transports = HttpTransportType.LongPolling;
                    options.HttpMessageHandlerFactory = _ => From(source);
                });
                if (!pollers.TryAdd(poller.Node, poller))
                {
                    await poller.DisposeAsync();
                }
            }

            // Each node pushes once to the group, through a client connected to it directly.
            await using var onA = await Listener.ConnectAsync(new Uri(topology.NodeAUrl, HubRoutes.Diagnostics), token);
            await using var onB = await Listener.ConnectAsync(new Uri(topology.NodeBUrl, HubRoutes.Diagnostics), token);
            Assert.Equal(pollers.Keys.Order(), new[] { onA.Node, onB.Node }.Order());
            await onA.Connection.InvokeAsync("SendProbe", Group, "from " + onA.Node, cancellationToken);
            await onB.Connection.InvokeAsync("SendProbe", Group, "from " + onB.Node, cancellationToken);

            foreach (var (node, poller) in pollers)
            {
                var other = node == onA.Node ? onB.Node : onA.Node;
                var fromOther = await poller.NextFromAsync(other);
                Assert.Equal("from " + other, fromOther.Text);
            }
        }
        finally
        {
            foreach (var poller in pollers.Values)
            {
                await poller.DisposeAsync();
            }
        }
    }

    /// <summary>HTTP from <paramref name="source"/>: nginx hashes the client address, so each address is one client to it.</summary>
    private static SocketsHttpHandler From(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A diagnostics hub connection in the test group that knows which node serves it.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly Channel<ClusterProbe> _received = Channel.CreateUnbounded<ClusterProbe>();

        private Listener(HubConnection connection, string node)
        {
            Connection = connection;
            Node = node;
        }

        public HubConnection Connection { get; }

        public string Node { get; }

        public static async Task<Listener> ConnectAsync(Uri hubUrl, string token, Action<HttpConnectionOptions>? options = null)
        {
            var connection = await TestHubConnection.ConnectAsync(hubUrl, token, options);
            var node = (await connection.InvokeAsync<ProbeNodeInfo>("WhoAmI").WaitAsync(TestTimeouts.Default)).Node;
            var listener = new Listener(connection, node);
            connection.On<ClusterProbe>(nameof(IClusterProbeClient.ProbeReceived), probe => listener._received.Writer.TryWrite(probe));
            await connection.InvokeAsync("JoinProbeGroup", Group).WaitAsync(TestTimeouts.Default);
            return listener;
        }

        /// <summary>The next probe sent by <paramref name="node"/>; probes from other nodes are passed over.</summary>
        public async Task<ClusterProbe> NextFromAsync(string node)
        {
            using var bound = new CancellationTokenSource(TestTimeouts.Default);
            while (true)
            {
                var probe = await _received.Reader.ReadAsync(bound.Token);
                if (probe.SentByNode == node)
                {
                    return probe;
                }
            }
        }

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
    }
}
