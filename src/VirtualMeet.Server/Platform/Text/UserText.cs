using System.Globalization;
using System.Text;
using VirtualMeet.Server.Platform.Refusals;

namespace VirtualMeet.Server.Platform.Text;

/// <summary>
/// The one rule for text people type that other people see (display names, chat lines, questions, announcements,
/// poll texts, profile tags): normalised to NFC, so that a decomposed "é" and a composed one are the same name, and
/// free of characters that change how the text around them looks without being seen themselves.
/// </summary>
internal static class UserText
{
    /// <summary>The text in NFC and trimmed, or the reason it is refused; <paramref name="what"/> names it in the reason.</summary>
    public static (string? Text, string? Error) Clean(string? text, int maxLength, string what)
    {
        // Bound the work first: a client may send a string up to the hub message or body size.
        if (text is null || text.Length > maxLength * 4)
            return (null, $"{what} has 1 to {maxLength} characters.");
        if (Normalise(text) is not { } normalised)
            return (null, $"{what} is not valid Unicode text.");
        var trimmed = normalised.Trim();
        if (trimmed.Length is 0 || trimmed.Length > maxLength)
            return (null, $"{what} has 1 to {maxLength} characters; got {trimmed.Length}.");
        return Problem(trimmed, what) is { } problem ? (null, problem) : (trimmed, null);
    }

    /// <summary>The text as <see cref="Clean"/> leaves it, or a refusal (<c>invalid_argument</c>) with the reason.</summary>
    public static string Require(string? text, int maxLength, string what)
    {
        var (clean, error) = Clean(text, maxLength, what);
        return clean ?? throw Refusal.InvalidArgument(error!);
    }

    /// <summary>NFC, or null for text that is not Unicode (a lone surrogate).</summary>
    public static string? Normalise(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Not Unicode: a lone surrogate.
            return null;
        }
    }

    /// <summary>Why the text may not be shown to others, or null when it may.</summary>
    public static string? Problem(string text, string what)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (IsBidiControl(value))
                return $"{what} may not contain bidirectional control characters (found U+{value:X4}): they reorder the text shown around them.";
            if (value is 0x2028 or 0x2029)
                return $"{what} may not contain line or paragraph separators (found U+{value:X4}).";
            if (Rune.IsControl(rune))
                return $"{what} may not contain control characters or line breaks (found U+{value:X4}).";
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && !IsNeededFormat(value))
                return $"{what} may not contain invisible formatting characters (found U+{value:X4}).";
        }

        // EnumerateRunes yields U+FFFD for a lone surrogate; Normalise already refused those.
        return null;
    }

    // Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), the marks LRM/RLM and the Arabic letter
    // mark: "Trojan Source"-style reordering of names and chat lines.
    private static bool IsBidiControl(int value) =>
        value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C;

    // Of the invisible format characters (category Cf), only the zero width joiner stays: emoji sequences need it
    // (👩‍💻 is woman, ZWJ, laptop). Variation selectors (U+FE0E/U+FE0F, which pick emoji or text presentation) are
    // category Mn, not Cf, so they pass without an exception here. Everything else of Cf - zero width space,
    // word joiner, soft hyphen, byte order mark, tag characters - can hide text or make two names look alike.
    private static bool IsNeededFormat(int value) => value == 0x200D;
}
