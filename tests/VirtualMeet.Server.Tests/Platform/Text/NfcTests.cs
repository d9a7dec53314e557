using VirtualMeet.Server.Platform.Text;

namespace VirtualMeet.Server.Tests.Platform.Text;

/// <summary>User text comes out in NFC (UAX #15), through the runtime's ICU: the build must not be globalization-invariant.</summary>
public sealed class NfcTests
{
    [Theory]
    [InlineData("Rene\u0301", "Ren\u00E9")]
    [InlineData("Ren\u00E9", "Ren\u00E9")]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("\u1E0B\u0323", "\u1E0D\u0307")]
    [InlineData("d\u0307\u0323", "\u1E0D\u0307")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("\uAC00\u11A8", "\uAC01")]
    [InlineData("\u0301e", "\u0301e")]
    [InlineData("e\u0301\u0301", "\u00E9\u0301")]
    [InlineData("👩\u200D💻", "👩\u200D💻")]
    [InlineData("Fach KRA\u0308FTE", "Fach KR\u00C4FTE")]
    public void TextComesOutComposed(string text, string expected) => Assert.Equal(expected, UserText.Normalise(text));

    // Built at run time: attribute strings cannot carry a lone surrogate.
    [Fact]
    public void TextThatIsNotUnicodeIsNull()
    {
        Assert.Null(UserText.Normalise(new string(['a', (char)0xD800])));
        Assert.Null(UserText.Normalise(new string([(char)0xDC00, 'a', '\u0301'])));
    }
}
