namespace VirtualMeet.Server.Features.Events.DemoData;

/// <summary>Seeds the bundled demo events (<c>Demo:Seed</c>, on by default).</summary>
internal static class DemoDataRegistration
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
