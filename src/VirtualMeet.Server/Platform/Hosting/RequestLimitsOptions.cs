using System.ComponentModel.DataAnnotations;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>
/// How much a request may send and how much a refusal may answer: section <c>RequestLimits</c>. A body over its
/// endpoint's limit is answered 413 before it is read (docs/security.md, "Answers, bodies and logs").
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Validation errors a 400 lists; the rest are only counted (<c>errorsOmitted</c>).</summary>
    [Range(1, 1000)]
    public int MaxValidationErrors { get; set; } = 20;

    /// <summary>Bytes of the body of every API endpoint without a limit of its own, such as a sign-up (about 1 KB when filled in fully) or a poll.</summary>
    [Range(1024, 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Bytes of a whole-event import; the bundled demo events have about 10 KB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxImportBodyBytes { get; set; } = 1024 * 1024;
}
