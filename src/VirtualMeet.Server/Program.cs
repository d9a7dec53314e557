using VirtualMeet.Server.Hosting;
using VirtualMeet.Server.Realtime;

var builder = WebApplication.CreateBuilder(args);

builder.AddVirtualMeetLogging();
builder.AddVirtualMeetHosting();
builder.AddRealtime();

var app = builder.Build();

app.MapHealthEndpoints();
app.MapDiagnosticsEndpoints();

app.Run();

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;
