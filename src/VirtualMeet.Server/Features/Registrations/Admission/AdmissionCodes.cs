using System.Security.Cryptography;
using System.Text;

namespace VirtualMeet.Server.Features.Registrations.Admission;

/// <summary>
/// Invitation codes: 20 characters of Crockford's base32 (100 random bits), shown in four groups of five
/// (<c>7KQ2M-XW4PD-...</c>). Typing is forgiving: case, spaces and hyphens do not matter, and O, I and L read as
/// 0, 1 and 1. Only the SHA-256 hash of the normalised code is stored.
/// </summary>
internal static class AdmissionCodes
{
    public const int Length = 20;
    private const int GroupLength = 5;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewInvitation()
    {
        // 32 symbols: each random byte's low five bits pick one with no bias.
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        var code = new StringBuilder(Length + Length / GroupLength);
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && i % GroupLength == 0)
                code.Append('-');
            code.Append(Alphabet[random[i] & 31]);
        }

        return code.ToString();
    }

    /// <summary>The code as stored (upper case, no separators, O/I/L read as digits); <c>null</c> when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 64)
            return null;

        var code = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
                continue;
            var symbol = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(symbol, StringComparison.Ordinal))
                return null;
            code.Append(symbol);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>Lower-case hex SHA-256 of a normalised code: the only form the store keeps.</summary>
    public static string Hash(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalised)));
}
