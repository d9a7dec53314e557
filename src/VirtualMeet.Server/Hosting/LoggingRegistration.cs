using Serilog;
using Serilog.Formatting.Json;

namespace VirtualMeet.Server.Hosting;

/// <summary>Serilog under Microsoft.Extensions.Logging: readable lines for people, JSON lines for machines.</summary>
public static class LoggingRegistration
{
    private const string ReadableTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Levels and overrides come from the <c>Serilog</c> section; <c>Logging:Format</c> picks <c>text</c> or
    /// <c>json</c> and defaults to text in Development and JSON everywhere else.
    /// </summary>
    public static WebApplicationBuilder AddVirtualMeetLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"]
            ?? (builder.Environment.IsDevelopment() ? "text" : "json");

        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "VirtualMeet");

        configuration = format.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(outputTemplate: ReadableTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        // A logger per host rather than the static Log.Logger: several nodes run in one test process.
        builder.Logging.ClearProviders().AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
