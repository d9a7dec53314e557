using VirtualMeet.Server.Features.Attendance;
using VirtualMeet.Server.Features.Breakouts;
using VirtualMeet.Server.Features.Events;
using VirtualMeet.Server.Features.Events.DemoData;
using VirtualMeet.Server.Features.Networking.Bars;
using VirtualMeet.Server.Features.Networking.Matchmaking;
using VirtualMeet.Server.Features.Organizers;
using VirtualMeet.Server.Features.Polls;
using VirtualMeet.Server.Features.Registrations;
using VirtualMeet.Server.Features.Registrations.Admission;
using VirtualMeet.Server.Features.SignIn;
using VirtualMeet.Server.Features.Stage;
using VirtualMeet.Server.Platform.Audit;
using VirtualMeet.Server.Platform.Hosting;
using VirtualMeet.Server.Platform.Hosting.Problems;
using VirtualMeet.Server.Platform.Identity;
using VirtualMeet.Server.Platform.Ids;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Platform.Realtime;
using VirtualMeet.Server.Platform.Storage;
using VirtualMeet.Server.Rooms.Chat;
using VirtualMeet.Server.Rooms.Presence;

var builder = WebApplication.CreateBuilder(args);

// Platform: knows no feature.
builder.AddVirtualMeetLogging();
builder.AddVirtualMeetHosting();
builder.AddRealtime();
builder.AddProblemResponses();
builder.AddStorage();
builder.AddIdentity();
builder.AddAuditLog();
builder.AddAttendeeRateLimits();

// Rooms: shared by several features.
builder.AddPresence();
builder.AddChat();

// Features.
builder.AddEvents();
builder.AddOrganizers();
builder.AddRegistrations();
builder.AddAdmission();
builder.AddNotifications();
builder.AddAttendance();
builder.AddStage();
builder.AddPolls();
builder.AddBreakouts();
builder.AddMatchmaking();
builder.AddBars();
builder.AddDemoData();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseForwardedClientAddress();
app.UseProblemResponses();
app.UseWebClient();
app.UseIdentity();
app.UseIdRouteValues();
app.UseRequestBodyLimits();
app.MapOpenApi();
app.MapHealthEndpoints();
app.MapDiagnosticsEndpoints();

app.MapSignInEndpoints();
app.MapDevicesEndpoints();
app.MapOrganizersEndpoints();
app.MapEventsEndpoints();
app.MapRegistrationsEndpoints();
app.MapAdmissionEndpoints();
app.MapNotificationsHub();
app.MapAttendanceEndpoints();
app.MapStageHub();
app.MapPollsEndpoints();
app.MapPollsHub();
app.MapBreakoutsHub();
app.MapMatchmakingEndpoints();
app.MapBarsHub();

app.Run();

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;
