using Microsoft.Extensions.Options;
using VirtualMeet.Server.Features.Events;

namespace VirtualMeet.Server.Features.Events.DemoData;

/// <summary>
/// Imports the bundled demo events before the server accepts requests. Adding is "if absent", so nodes sharing
/// Redis can all seed and a restart never resets registrations of a running demo.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IOptions<DemoDataOptions> options,
    IEventStore events,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger) : IHostedService
{
    public static readonly string Folder = Path.Combine("Features", "Events", "DemoData");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
            return;

        foreach (var file in Directory.EnumerateFiles(FindFolder(), "*.json").Order(StringComparer.Ordinal))
        {
            var definition = EventImportReader.Parse(await File.ReadAllTextAsync(file, cancellationToken));
            var errors = EventValidator.Validate(definition);
            if (errors.Count > 0)
            {
                var reasons = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                throw new InvalidOperationException($"Demo event file '{Path.GetFileName(file)}' is invalid: {reasons}");
            }

            if (options.Value.StartsNow)
                definition = DemoSchedule.StartingAround(definition, time.GetUtcNow());

            if (await events.TryAddAsync(definition, cancellationToken))
                LogSeeded(definition.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string FindFolder()
    {
        // Next to the binaries when built; the content root when run from a source tree.
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, Folder),
            Path.Combine(environment.ContentRootPath, Folder),
        };
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException($"Demo data folder not found; looked in {string.Join(", ", candidates)}. Set Demo:Seed=false to run without it.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo event {EventId} imported")]
    private partial void LogSeeded(string eventId);
}
