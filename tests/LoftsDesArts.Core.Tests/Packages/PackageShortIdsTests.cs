using LoftsDesArts.Core.Packages;

namespace LoftsDesArts.Core.Tests.Packages;

public sealed class PackageShortIdsTests
{
    [Theory]
    [InlineData(2026, 11, 26, 7, "LDA", "LDA-20261126-0007")]
    [InlineData(2026, 1, 2, 1, "LDA", "LDA-20260102-0001")]
    [InlineData(2027, 12, 31, 9999, "LDA", "LDA-20271231-9999")]
    [InlineData(2026, 11, 26, 42, "TOUR2", "TOUR2-20261126-0042")]
    public void Format_DateAndSequence_IsPrefixDateAndFourDigits(int year, int month, int day, int sequence, string prefix, string expected) =>
        Assert.Equal(expected, PackageShortIds.Format(new DateOnly(year, month, day), sequence, prefix));

    [Fact]
    public void Format_WithoutPrefix_UsesLda() =>
        Assert.Equal("LDA-20261126-0007", PackageShortIds.Format(new DateOnly(2026, 11, 26), 7));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10000)]
    public void Format_SequenceOutOfRange_Throws(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PackageShortIds.Format(new DateOnly(2026, 11, 26), sequence));

    [Theory]
    [InlineData("lda")]
    [InlineData("")]
    [InlineData("LD-A")]
    [InlineData("TOOLONGPX")]
    public void Format_BadPrefix_Throws(string prefix) =>
        Assert.Throws<ArgumentException>(() => PackageShortIds.Format(new DateOnly(2026, 11, 26), 1, prefix));

    [Theory]
    [InlineData("LDA-20261126-0007", "LDA", 2026, 11, 26, 7)]
    [InlineData("  lda-20261126-0007 ", "LDA", 2026, 11, 26, 7)]
    [InlineData("TOUR2-20280229-1234", "TOUR2", 2028, 2, 29, 1234)]
    public void TryParse_WellFormedId_ReturnsItsParts(string value, string prefix, int year, int month, int day, int sequence)
    {
        Assert.True(PackageShortIds.TryParse(value, out var shortId));
        Assert.Equal(new PackageShortId(prefix, new DateOnly(year, month, day), sequence), shortId);
        Assert.Equal(value.Trim().ToUpperInvariant(), shortId.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("LDA-20261126")]
    [InlineData("LDA-20261126-7")]
    [InlineData("LDA-20261126-00007")]
    [InlineData("LDA-20261126-0000")]
    [InlineData("LDA-20261132-0001")]
    [InlineData("LDA-20270229-0001")]
    [InlineData("LDA-2026112-60001")]
    [InlineData("LDA-20261126-00a1")]
    [InlineData("LDA-20261126-+001")]
    [InlineData("-20261126-0001")]
    [InlineData("LDA-20261126-0001-1")]
    [InlineData("1Z999AA10123456784")]
    public void TryParse_Malformed_ReturnsFalse(string? value)
    {
        Assert.False(PackageShortIds.TryParse(value, out var shortId));
        Assert.Null(shortId);
    }

    [Fact]
    public void TryParse_WhatFormatWrites_RoundTrips()
    {
        for (var sequence = 1; sequence <= PackageShortIds.MaxSequence; sequence += 997)
        {
            var text = PackageShortIds.Format(new DateOnly(2026, 3, 8), sequence);
            Assert.True(PackageShortIds.TryParse(text, out var parsed));
            Assert.Equal(sequence, parsed.Sequence);
            Assert.Equal(new DateOnly(2026, 3, 8), parsed.LocalDate);
        }
    }
}
