using System.Security.Cryptography;
using System.Text;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// The secrets of device sign-in: personal sign-in codes that people type, refresh tokens that browsers keep, device
/// ids. Each is random and high-entropy, so a plain SHA-256 is a safe way to store it: unlike a password, there is no
/// small space of likely values for a slow hash to protect.
/// </summary>
internal static class SignInSecrets
{
    // Crockford's base32: no I, L, O or U, so a code read aloud or retyped from paper survives.
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int CodeGroups = 4;
    private const int CodeGroupLength = 4;

    /// <summary>The longest text accepted as a code before normalising (spaces and hyphens included).</summary>
    public const int MaxCodeInput = 40;

    /// <summary>A new sign-in code: 16 characters, 80 bits, shown in groups of four (<c>7QK2-M9XD-4HRT-WB6N</c>).</summary>
    public static string NewSignInCode()
    {
        var text = new StringBuilder(CodeGroups * (CodeGroupLength + 1));
        for (var group = 0; group < CodeGroups; group++)
        {
            if (group > 0)
                text.Append('-');
            for (var i = 0; i < CodeGroupLength; i++)
                text.Append(CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]);
        }

        return text.ToString();
    }

    /// <summary>
    /// The code as stored: upper case without separators, with the letters Crockford's base32 reads as digits
    /// (O as 0, I and L as 1) mapped, so a retyped code matches. <c>null</c> when it cannot be a code.
    /// </summary>
    public static string? NormaliseSignInCode(string? input)
    {
        if (input is null || input.Length > MaxCodeInput)
            return null;
        var code = new StringBuilder(CodeGroups * CodeGroupLength);
        foreach (var c in input)
        {
            if (c is '-' or ' ')
                continue;
            var upper = char.ToUpperInvariant(c) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (!CodeAlphabet.Contains(upper, StringComparison.Ordinal))
                return null;
            code.Append(upper);
        }

        return code.Length == CodeGroups * CodeGroupLength ? code.ToString() : null;
    }

    public static string NewDeviceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>A refresh token names its device, so a refresh reads one record: <c>{deviceId}.{secret}</c>.</summary>
    public static (string Token, string Secret) NewRefreshToken(string deviceId)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (deviceId + "." + secret, secret);
    }

    public static bool TryReadRefreshToken(string? token, out string deviceId, out string secret)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        deviceId = dot > 0 ? token![..dot] : "";
        secret = dot > 0 ? token![(dot + 1)..] : "";
        return dot > 0 && deviceId.Length == 24 && deviceId.All(char.IsAsciiHexDigitLower) && secret.Length is > 0 and <= 64;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
