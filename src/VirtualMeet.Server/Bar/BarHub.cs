using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Bar;

namespace VirtualMeet.Server.Bar;

/// <summary><c>/hubs/bar</c>: the Vernetz-BARs and matchmaking notifications.</summary>
[Authorize]
internal sealed class BarHub : Hub<IBarClient>;
