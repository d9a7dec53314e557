using System.Security.Cryptography;
using System.Text;

namespace VirtualMeet.Server.Features.Organizers;

/// <summary>
/// Account ids and sign-in secrets. A secret is 32 random bytes drawn by the server, never chosen by a person, so a
/// plain SHA-256 of it is what is stored: key stretching (PBKDF2, Argon2) slows down guessing low-entropy passwords,
/// and guessing 256 random bits is out of reach at any speed. The comparison is constant-time all the same.
/// </summary>
internal static class OrganizerSecrets
{
    /// <summary>Organizer ids start with this; attendee ids are 32 hex digits and never contain '-', so the two never meet.</summary>
    public const string IdPrefix = "org-";

    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
