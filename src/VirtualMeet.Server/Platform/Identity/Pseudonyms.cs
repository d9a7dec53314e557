using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Identity;

/// <summary>
/// The one-way pseudonym under which stores remember something of a person that must outlive their erasure: that
/// they voted (question upvotes, poll ballots), and that their tokens are revoked (<c>RedisRevocationStore</c>).
/// <para>
/// Why a keyed hash rather than the id or a plain hash: the one-vote rule must outlive an attendee's erasure (their
/// counted upvotes stay counted, and the old token must not vote again while it is still valid), yet after the
/// erasure nothing in the store may point back at the person. Participant ids are shown to other attendees, so an
/// unkeyed SHA-256 of an id could be recomputed by anyone who saw it and matched against a copy of Redis. The key is
/// derived (HKDF) from <c>Auth:SigningKey</c>: every node has it, it never sits in Redis, and a vote set read
/// without it says nothing about who voted. Rotating the signing key changes every pseudonym, which is harmless:
/// it also ends every token that could vote under the old ones.
/// </para>
/// </summary>
internal sealed class Pseudonyms
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("virtualmeet voter pseudonym v1");

    private readonly byte[] _key;

    public Pseudonyms(IOptions<AuthOptions> options)
        : this(options.Value.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is required for voter pseudonyms."))
    {
    }

    /// <summary>For stores built by hand (tests): the same derivation from a signing key.</summary>
    public Pseudonyms(string signingKey) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingKey), 32, info: Purpose);

    /// <summary>The person's pseudonym within the event: 32 hex digits after <c>v:</c>, never equal to an id.</summary>
    public string Of(string eventId, string attendeeId)
    {
        // The event is part of the input, so one person's pseudonyms in two events cannot be linked either.
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{eventId}\n{attendeeId}"));
        return "v:" + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
