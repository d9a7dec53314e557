using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.RateLimiting;

/// <summary>
/// Per-attendee budgets (and per caller address for sign-up and organizer sign-in), section <c>RateLimits</c>: <c>RateLimits:Rules:chat:PermitLimit = 5</c>,
/// <c>RateLimits:Rules:chat:WindowSeconds = 10</c>. Configuration overrides or adds rules; the defaults stay.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Rules by name (see <see cref="RateLimitRules"/> for the names features use).</summary>
    public Dictionary<string, RateLimitRuleOptions> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitRules.Chat] = new() { PermitLimit = 5, WindowSeconds = 10 },
        [RateLimitRules.Reactions] = new() { PermitLimit = 10, WindowSeconds = 1 },
        [RateLimitRules.Questions] = new() { PermitLimit = 3, WindowSeconds = 60 },
        [RateLimitRules.Signals] = new() { PermitLimit = 100, WindowSeconds = 10 },
        [RateLimitRules.SignUp] = new() { PermitLimit = 60, WindowSeconds = 60 },
        [RateLimitRules.OrganizerSignIn] = new() { PermitLimit = 10, WindowSeconds = 300 },
        [RateLimitRules.DeviceSignIn] = new() { PermitLimit = 10, WindowSeconds = 300 },
        [RateLimitRules.TokenRefresh] = new() { PermitLimit = 120, WindowSeconds = 60 },
        [RateLimitRules.Connects] = new() { PermitLimit = 30, WindowSeconds = 60 },
        [RateLimitRules.StageJoins] = new() { PermitLimit = 20, WindowSeconds = 60 },
        [RateLimitRules.BarEntries] = new() { PermitLimit = 20, WindowSeconds = 60 },
        [RateLimitRules.TableFinds] = new() { PermitLimit = 10, WindowSeconds = 60 },
        [RateLimitRules.TableJoins] = new() { PermitLimit = 20, WindowSeconds = 60 },
        [RateLimitRules.Hands] = new() { PermitLimit = 20, WindowSeconds = 60 },
        [RateLimitRules.PollWatch] = new() { PermitLimit = 30, WindowSeconds = 60 },
    };
}

/// <summary>One budget: <see cref="PermitLimit"/> acquisitions within any <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitRuleOptions
{
    [Range(1, 100_000)]
    public int PermitLimit { get; set; }

    [Range(0.01, 24 * 3600)]
    public double WindowSeconds { get; set; }
}

/// <summary>Rule names that features share; a feature may also configure its own under any other name.</summary>
internal static class RateLimitRules
{
    public const string Chat = "chat";
    public const string Reactions = "reactions";
    public const string Questions = "questions";

    /// <summary>WebRTC signalling relays (offers, answers, candidates).</summary>
    public const string Signals = "signals";

    /// <summary>Attendee sign-ups per caller address and event (a whole office behind one address signs up too).</summary>
    public const string SignUp = "signup";

    /// <summary>Organizer key exchanges per caller address, failed ones included: guessing the key takes forever.</summary>
    public const string OrganizerSignIn = "organizer-sign-in";

    /// <summary>Sign-ins with a personal sign-in code per caller address and event, failed ones included: guessing a code takes forever.</summary>
    public const string DeviceSignIn = "device-sign-in";

    /// <summary>Token refreshes per caller address and event (a whole office behind one address refreshes each hour).</summary>
    public const string TokenRefresh = "token-refresh";

    /// <summary>
    /// New hub connections per attendee of an event, all hubs and nodes together: a client that stalls a node by
    /// reconnecting again and again. Generous for a reload (the web client opens up to four hubs per tab).
    /// </summary>
    public const string Connects = "connects";

    /// <summary>Stage joins (each reads the stage, its reactions, up to the question limit and the chat history).</summary>
    public const string StageJoins = "stage-joins";

    /// <summary>Entering the bars (one read per table of the event).</summary>
    public const string BarEntries = "bar-entries";

    /// <summary>"Find me a table" (one read per table and one attendee read per seated person).</summary>
    public const string TableFinds = "table-finds";

    /// <summary>Sitting down at a table; each hop pushes to the table left and the table joined.</summary>
    public const string TableJoins = "table-joins";

    /// <summary>Raising or lowering a hand in a breakout; each change pushes to the whole room.</summary>
    public const string Hands = "hands";

    /// <summary>Poll watches per attendee and event, refused ones included: a client watches a few scopes, not thousands.</summary>
    public const string PollWatch = "poll-watch";
}

/// <summary>Data annotations do not reach into dictionary values; this checks every configured rule at start.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var (rule, value) in options.Rules)
        {
            if (value.PermitLimit is < 1 or > 100_000)
                failures.Add($"RateLimits:Rules:{rule}:PermitLimit must lie between 1 and 100000; it is {value.PermitLimit}.");
            if (value.WindowSeconds is < 0.01 or > 24 * 3600 || double.IsNaN(value.WindowSeconds))
                failures.Add($"RateLimits:Rules:{rule}:WindowSeconds must lie between 0.01 and 86400; it is {value.WindowSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
