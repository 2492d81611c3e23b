using Engagement.Journeys.Runtime;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Tests.Runtime;

/// <summary>Instants written without NodaTime's pattern machinery, exactly as the extended ISO pattern writes them.</summary>
public sealed class InstantTextTests
{
    public static TheoryData<long> Ticks => new(
        0, 1, -1, 9_999_999, 17_7240_6400_0000000, 17_7240_6400_1234567, 253_402_300_799_9999999, -62_135_596_800_0000000);

    [Theory]
    [MemberData(nameof(Ticks))]
    public void Format_FourDigitYears_WritesWhatTheExtendedIsoPatternWrites(long ticks)
    {
        var instant = Instant.FromUnixTimeTicks(ticks);
        Span<char> text = stackalloc char[InstantText.MaxFastLength];

        Assert.True(InstantText.TryFormat(instant, text, out var written));
        Assert.Equal(InstantPattern.ExtendedIso.Format(instant), new string(text[..written]));
        Assert.Equal(InstantPattern.ExtendedIso.Format(instant), InstantText.Format(instant));
    }

    [Fact]
    public void TryFormat_YearOutsideFourDigitsOrAShortBuffer_DeclinesAndFormatUsesThePattern()
    {
        Span<char> text = stackalloc char[InstantText.MaxFastLength];
        foreach (var instant in new[] { Instant.FromUtc(0, 1, 1, 0, 0), Instant.FromUtc(-5, 6, 1, 0, 0), Instant.MinValue })
        {
            Assert.False(InstantText.TryFormat(instant, text, out _));
            Assert.Equal(InstantPattern.ExtendedIso.Format(instant), InstantText.Format(instant));
        }

        Assert.False(InstantText.TryFormat(Instant.FromUtc(2026, 3, 1, 8, 0), text[..10], out _));
        Assert.True(InstantText.TryFormat(Instant.FromUtc(2026, 3, 1, 8, 0) + Duration.FromNanoseconds(1), text, out var n));
        Assert.Equal("2026-03-01T08:00:00.000000001Z", new string(text[..n]));
    }
}
