using VirtualMeet.BaselineHub;

// The host the server uses (CreateBuilder, Kestrel defaults), so the per-connection memory differs only by app logic.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();

var app = builder.Build();
app.UseWebSockets();
// The load tool waits for this before it connects, as it does for a VirtualMeet node.
app.MapGet("/health/ready", () => Results.Text("ready"));
app.MapHub<EmptyHub>(BaselineRoutes.Hub);
app.Run();
