using Engagement.Reports.Previews;

namespace Engagement.Reports.Tests.Previews;

/// <summary>SMS encoding and segment counts at the GSM-7 and UCS-2 boundaries.</summary>
public sealed class SmsLengthTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Of_PlainText_IsGsm7With160Then153PerSegment(int length, int segments) =>
        Assert.Equal(new SmsLength("GSM-7", length, segments), SmsLength.Of(new string('a', length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Of_ChineseText_IsUcs2With70Then67PerSegment(int length, int segments) =>
        Assert.Equal(new SmsLength("UCS-2", length, segments), SmsLength.Of(new string('会', length)));

    [Fact]
    public void Of_ExtensionCharacters_CountTwoSeptets() => Assert.Equal(new SmsLength("GSM-7", 5, 1), SmsLength.Of("€[x"));

    [Fact]
    public void Of_OneChineseCharacter_MakesTheWholeMessageUcs2() => Assert.Equal("UCS-2", SmsLength.Of(new string('a', 100) + "好").Encoding);
}
