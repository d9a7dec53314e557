using VirtualMeet.Server.Attendance;
using VirtualMeet.Server.Bar;
using VirtualMeet.Server.Chat;
using VirtualMeet.Server.DemoData;
using VirtualMeet.Server.Events;
using VirtualMeet.Server.Breakouts;
using VirtualMeet.Server.Hosting;
using VirtualMeet.Server.Hosting.Problems;
using VirtualMeet.Server.Identity;
using VirtualMeet.Server.Keynote;
using VirtualMeet.Server.Matchmaking;
using VirtualMeet.Server.Notifications;
using VirtualMeet.Server.Polls;
using VirtualMeet.Server.Presence;
using VirtualMeet.Server.Registrations;
using VirtualMeet.Server.Storage;
using VirtualMeet.Server.Realtime;
using VirtualMeet.Server.Realtime.RateLimiting;

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
builder.AddKeynote();
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
app.MapIdentityEndpoints();
app.MapEventsEndpoints();
app.MapRegistrationsEndpoints();
app.MapAttendanceEndpoints();
app.MapNotificationsHub();
app.MapPollsEndpoints();
app.MapPollsHub();
app.MapBreakoutsHub();
app.MapKeynoteHub();
app.MapMatchmakingEndpoints();
app.MapBarHub();

app.MapHealthEndpoints();
app.MapDiagnosticsEndpoints();

app.Run();

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;
