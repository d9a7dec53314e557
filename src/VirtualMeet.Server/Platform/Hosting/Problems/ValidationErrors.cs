using System.Collections;

namespace VirtualMeet.Server.Platform.Hosting.Problems;

/// <summary>
/// Validation errors keyed by JSON path, of which at most <see cref="Limit"/> are kept: a request with thousands of
/// mistakes is answered with the first few and the count of the rest (<see cref="Omitted"/>), so the answer never
/// grows with the request (docs/security.md, "Answers, bodies and logs").
/// </summary>
internal sealed class ValidationErrors : IEnumerable<KeyValuePair<string, string[]>>
{
    /// <summary>The limit when no configuration is at hand (<see cref="RequestLimitsOptions.MaxValidationErrors"/>).</summary>
    public const int DefaultLimit = 20;

    private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);
    private int _kept;

    public ValidationErrors(int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>Every error reported, kept or not.</summary>
    public int Count { get; private set; }

    /// <summary>Errors reported beyond <see cref="Limit"/>, counted but not kept.</summary>
    public int Omitted => Count - _kept;

    public static ValidationErrors Of(string path, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(path, message);
        return errors;
    }

    public void Add(string path, string message)
    {
        Count++;
        if (_kept == Limit)
            return;

        if (!_byPath.TryGetValue(path, out var list))
            _byPath[path] = list = [];
        list.Add(message);
        _kept++;
    }

    /// <summary>The kept errors in the problem-details <c>errors</c> shape.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _byPath.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public IEnumerator<KeyValuePair<string, string[]>> GetEnumerator() => ToDictionary().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
