using VirtualMeet.Server.Features.Registrations.Admission;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>Invitation codes: random, typeable, forgiving when typed, stored as a hash.</summary>
public sealed class AdmissionCodesTests
{
    [Fact]
    public void ACodeReadsTheSameHoweverItIsTyped()
    {
        var code = AdmissionCodes.NewInvitation();
        var normalised = AdmissionCodes.Normalise(code);

        Assert.Equal(AdmissionCodes.Length, normalised!.Length);
        Assert.Equal(normalised, AdmissionCodes.Normalise(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Equal(AdmissionCodes.Normalise("0I1L0-00000-00000-00000"), AdmissionCodes.Normalise("oi1lO-00000-00000-00000"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SHORT")]
    [InlineData("AAAAA-BBBBB-CCCCC-DDDDD-E")]
    [InlineData("AAAAA-BBBBB-CCCCC-DDDDU")]
    [InlineData("AAAAA_BBBBB_CCCCC_DDDDD")]
    public void WhatCannotBeACodeIsNoCode(string typed) => Assert.Null(AdmissionCodes.Normalise(typed));

    [Fact]
    public void CodesDoNotRepeatAndTheirHashHidesThem()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => AdmissionCodes.Normalise(AdmissionCodes.NewInvitation())!).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Every symbol of the alphabet turns up in every position: no position is fixed or biased away.
        for (var position = 0; position < AdmissionCodes.Length; position++)
            Assert.Equal(32, codes.Select(c => c[position]).Distinct().Count());
        var hash = AdmissionCodes.Hash(codes[0]);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(codes[0], hash, StringComparison.Ordinal);
    }
}
