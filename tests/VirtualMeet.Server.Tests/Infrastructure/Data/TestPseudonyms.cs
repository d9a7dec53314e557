using VirtualMeet.Server.Platform.Identity;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>Voter pseudonyms for stores built by hand, derived from a test signing key as the nodes derive theirs.</summary>
internal static class TestPseudonyms
{
    public static Pseudonyms Instance { get; } = new("a-signing-key-for-tests-that-is-long-enough");
}
