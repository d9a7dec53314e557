using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Tests.Platform.Text;

/// <summary>The one rule for text others see: NFC, and nothing that reorders or hides text.</summary>
public sealed class UserTextTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "Ada \u202Egnp.exe", "bidirectional" },
        { "Ada\u202A", "bidirectional" },
        { "Ada\u2066x\u2069", "bidirectional" },
        { "Ada\u200F", "bidirectional" },
        { "Ada\u061C", "bidirectional" },
        { "Ada\u2028Bob: hi", "line or paragraph separators" },
        { "Ada\u2029Bob", "line or paragraph separators" },
        { "Ad\u200Ba", "invisible formatting" },
        { "Ad\u2060a", "invisible formatting" },
        { "Ad\uFEFFa", "invisible formatting" },
        { "Ad\u00ADa", "invisible formatting" },
        { "Ada\U000E0041", "invisible formatting" },
        { "Ada\nBob", "control characters" },
        { "Ada\u0007", "control characters" },
        { "Ada\u0085Bob", "control characters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void TextThatReordersOrHidesIsRefusedWithTheReason(string text, string reason)
    {
        var (clean, error) = UserText.Clean(text, 100, "A name");

        Assert.Null(clean);
        Assert.StartsWith("A name ", error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    // Built at run time: theory data would not keep a lone surrogate.
    [Fact]
    public void TextThatIsNotUnicodeIsRefused() =>
        Assert.Contains("not valid Unicode", UserText.Clean(new string(['A', (char)0xD800]), 100, "A name").Error, StringComparison.Ordinal);

    [Fact]
    public void RequireRefusesWithInvalidArgument()
    {
        var refusal = Assert.Throws<VirtualMeet.Server.Platform.Refusals.Refusal>(() => UserText.Require("a\u202Eb", 100, "A name"));

        Assert.Equal(VirtualMeet.Contracts.Errors.ErrorCodes.InvalidArgument, refusal.Code);
    }

    [Fact]
    public void DecomposedTextIsStoredComposed()
    {
        var (clean, error) = UserText.Clean("  Rene\u0301 ", 100, "A name");

        Assert.Null(error);
        Assert.Equal("Ren\u00E9", clean);
    }

    [Theory]
    [InlineData("👩\u200D💻")]
    [InlineData("❤\uFE0F")]
    [InlineData("👍🏽")]
    [InlineData("Zoë")]
    [InlineData("مرحبا")]
    [InlineData("שלום")]
    public void EmojiWithJoinersAndSelectorsAndEveryScriptPass(string text)
    {
        var (clean, error) = UserText.Clean(text, 100, "A name");

        Assert.Null(error);
        Assert.Equal(text, clean);
    }

    [Fact]
    public void LengthIsCountedAfterNormalising()
    {
        Assert.Equal("\u00E9", UserText.Clean("e\u0301", 1, "A name").Text);
        Assert.NotNull(UserText.Clean("ab", 1, "A name").Error);
    }
}
