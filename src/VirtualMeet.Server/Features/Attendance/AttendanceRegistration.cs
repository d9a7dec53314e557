namespace VirtualMeet.Server.Features.Attendance;

/// <summary>The attendance report; it reads the registration stores that <c>AddStorage</c> provides.</summary>
internal static class AttendanceRegistration
{
    public static WebApplicationBuilder AddAttendance(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AttendanceReports>();
        return builder;
    }
}
