using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>Serilog under Microsoft.Extensions.Logging: readable lines for people, JSON lines for machines.</summary>
public static class LoggingRegistration
{
    private const string ReadableTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Levels come from the standard <c>Logging:LogLevel</c> section (filtered by Microsoft.Extensions.Logging
    /// before Serilog sees an event); <c>Logging:Format</c> picks <c>text</c> or <c>json</c> and defaults to
    /// text in Development and JSON everywhere else. Scopes (hub, connection, user, event) become properties.
    /// </summary>
    public static WebApplicationBuilder AddVirtualMeetLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"]
            ?? (builder.Environment.IsDevelopment() ? "text" : "json");

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(LogEventLevel.Verbose)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "VirtualMeet");

        configuration = format.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(outputTemplate: ReadableTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        // A logger per host rather than the static Log.Logger: several nodes run in one test process. The provider
        // is added directly, not through AddSerilog, which would pin its own filter at Trace and so override
        // Logging:LogLevel.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerProvider>(new SerilogLoggerProvider(configuration.CreateLogger(), dispose: true));
        return builder;
    }
}
