using VirtualMeet.Server.Features.Attendance;
using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Events.DemoData;
using VirtualMeet.Server.Features.Networking.Bars;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Features.SignIn;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

var builder = WebApplication.CreateBuilder(args);

builder.AddVirtualMeetLogging();
builder.AddVirtualMeetHosting();
builder.AddRealtime();
builder.AddProblemResponses();
builder.AddStorage();
builder.AddIdentity();
builder.AddEvents();
builder.AddRegistrations();
builder.AddAttendance();
builder.AddNotifications();
builder.AddPolls();
builder.AddPresence();
builder.AddBreakouts();
builder.AddAttendeeRateLimits();
builder.AddChat();
builder.AddStage();
builder.AddMatchmaking();
builder.AddBars();
builder.AddDemoData();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseForwardedClientAddress();
app.UseProblemResponses();
app.UseWebClient();
app.UseIdentity();
app.MapOpenApi();
app.MapSignInEndpoints();
app.MapEventsEndpoints();
app.MapRegistrationsEndpoints();
app.MapAttendanceEndpoints();
app.MapNotificationsHub();
app.MapPollsEndpoints();
app.MapPollsHub();
app.MapBreakoutsHub();
app.MapStageHub();
app.MapMatchmakingEndpoints();
app.MapBarsHub();

app.MapHealthEndpoints();
app.MapDiagnosticsEndpoints();

app.Run();

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;
