namespace VirtualMeet.Server.Platform.Audit;

/// <summary>The audit log service and its options; the store comes with the others (Platform/Storage).</summary>
internal static class AuditRegistration
{
    public static WebApplicationBuilder AddAuditLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IAuditLog, AuditLog>();
        return builder;
    }
}
