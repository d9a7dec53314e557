using Microsoft.Extensions.Options;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Starts a node that must refuse to start, and returns every message of the refusal.</summary>
public static class RefusedStart
{
    public static Task<string> MessageAsync(IReadOnlyDictionary<string, string?> settings) =>
        MessageAsync(() => VirtualMeetNode.StartAsync(settings));

    public static async Task<string> MessageAsync(Func<Task<VirtualMeetNode>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await start();
        });
        return Flatten(error);
    }

    private static string Flatten(Exception error) => error switch
    {
        OptionsValidationException options => string.Join("; ", options.Failures),
        AggregateException aggregate => string.Join("; ", aggregate.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? "" : "; " + Flatten(error.InnerException)),
    };
}
