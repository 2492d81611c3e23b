using Engagement.Journeys.Scheduling;
using NodaTime;

namespace Engagement.Journeys.Tests.Scheduling;

public sealed class ParsingHelpersTests
{
    [Theory]
    [InlineData("P1D", 0, 1, 0)]
    [InlineData("PT24H", 0, 0, 24)]
    [InlineData("P1W", 0, 7, 0)]
    [InlineData("P3M", 3, 0, 0)]
    public void IsoDuration_Valid_Parses(string text, int months, int days, int hours)
    {
        Assert.True(IsoDuration.TryParse(text, out var p, out var error), error);
        Assert.Equal(months, p.Months);
        Assert.Equal(days, p.Days + (p.Weeks * 7));
        Assert.Equal(hours, p.Hours);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1 day", "not an ISO-8601 duration")]
    [InlineData("P0D", "zero")]
    [InlineData("-P1D", "negative")]
    [InlineData("PT1.5H", "not an ISO-8601 duration")]
    public void IsoDuration_Invalid_SaysWhy(string text, string expected)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("-P30D", -30)]
    [InlineData("P1W", 7)]
    public void IsoDuration_DayOffset_AllowsNegative(string text, int days)
    {
        Assert.True(IsoDuration.TryParseDayOffset(text, out var d, out _));
        Assert.Equal(days, d);
    }

    [Theory]
    [InlineData("1990-02-29", 2, 29)]
    [InlineData("--12-31", 12, 31)]
    [InlineData("07-04", 7, 4)]
    public void AnnualDates_TryParse_AcceptsTheDocumentedForms(string text, int month, int day)
    {
        Assert.True(AnnualDates.TryParse(text, out var d));
        Assert.Equal(new AnnualDate(month, day), d);
    }

    [Theory]
    [InlineData("1990-02-30")]
    [InlineData("13-01")]
    [InlineData("soon")]
    public void AnnualDates_TryParse_RejectsImpossibleDates(string text) => Assert.False(AnnualDates.TryParse(text, out _));

    [Theory]
    [InlineData("09:00", 9, 0)]
    [InlineData("9:30", 9, 30)]
    [InlineData("21:30:00", 21, 30)]
    public void LocalTimes_TryParse_AcceptsClockTimes(string text, int h, int m)
    {
        Assert.True(LocalTimes.TryParse(text, out var t));
        Assert.Equal(new LocalTime(h, m), t);
    }

    [Fact]
    public void LocalTimes_TryParse_RejectsHour25() => Assert.False(LocalTimes.TryParse("25:00", out _));

    [Fact]
    public void TimeZones_Resolve_FallsBackFromProfileToJourneyToUtc()
    {
        Assert.Equal("Asia/Tokyo", TimeZones.Resolve("Asia/Tokyo", "Europe/London").Id);
        Assert.Equal("Europe/London", TimeZones.Resolve("Mars/Olympus", "Europe/London").Id);
        Assert.Equal(DateTimeZone.Utc, TimeZones.Resolve(null, "nowhere"));
    }

    [Fact]
    public void TimeZones_Suggest_FindsTheIntendedZone() => Assert.Equal("Asia/Shanghai", TimeZones.Suggest("Asia/Shangai"));
}
