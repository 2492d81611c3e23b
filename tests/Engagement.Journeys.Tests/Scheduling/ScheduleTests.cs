using Engagement.Journeys.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Engagement.Journeys.Tests.Scheduling;

public sealed class ScheduleTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant Utc(int y, int mo, int d, int h, int mi = 0) => Instant.FromUtc(y, mo, d, h, mi);

    [Fact]
    public void Add_OneDayAcrossSpringForward_KeepsLocalTimeOfDay()
    {
        // London 2026-03-29 01:00 -> BST. 09:00 GMT on Saturday is 09:00 UTC; 09:00 BST on Sunday is 08:00 UTC.
        Assert.Equal(Utc(2026, 3, 29, 8), Schedule.Add(Utc(2026, 3, 28, 9), Period.FromDays(1), London));
    }

    [Fact]
    public void Add_TwentyFourHoursAcrossSpringForward_IsElapsedTime() =>
        Assert.Equal(Utc(2026, 3, 29, 9), Schedule.Add(Utc(2026, 3, 28, 9), Period.FromHours(24), London));

    [Fact]
    public void Add_OneMonth_MovesTheCalendarDate() =>
        Assert.Equal(Utc(2026, 2, 28, 2), Schedule.Add(Utc(2026, 1, 31, 2), Period.FromMonths(1), Shanghai));

    [Fact]
    public void NextTimeOfDay_InSpringForwardGap_ShiftsForwardByGapLength()
    {
        // 2026-03-08 02:30 does not exist in New York: it becomes 03:30 EDT = 07:30 UTC.
        var at = Schedule.NextTimeOfDay(Utc(2026, 3, 8, 5), NewYork, new LocalTime(2, 30));
        Assert.Equal(Utc(2026, 3, 8, 7, 30), at);
    }

    [Fact]
    public void NextTimeOfDay_InFallBackOverlap_TakesTheEarlierInstant()
    {
        // 2026-11-01 01:30 happens twice in New York; the earlier is EDT (UTC-4) = 05:30 UTC.
        var at = Schedule.NextTimeOfDay(Utc(2026, 11, 1, 4), NewYork, new LocalTime(1, 30));
        Assert.Equal(Utc(2026, 11, 1, 5, 30), at);
    }

    [Fact]
    public void NextTimeOfDay_ExactlyAtTheTime_ReturnsNow() =>
        Assert.Equal(Utc(2026, 5, 4, 1), Schedule.NextTimeOfDay(Utc(2026, 5, 4, 1), Shanghai, new LocalTime(9, 0)));

    [Fact]
    public void NextTimeOfDay_WithWeekdaysOnly_SkipsTheWeekend()
    {
        // Saturday 2026-05-09 12:00 Shanghai -> Monday 2026-05-11 10:00 Shanghai = 02:00 UTC.
        var at = Schedule.NextTimeOfDay(Utc(2026, 5, 9, 4), Shanghai, new LocalTime(10, 0), [IsoDayOfWeek.Monday, IsoDayOfWeek.Friday]);
        Assert.Equal(Utc(2026, 5, 11, 2), at);
    }

    [Theory]
    [InlineData(LeapDayRule.February28, 2027, 2, 28)]
    [InlineData(LeapDayRule.March1, 2027, 3, 1)]
    public void NextAnniversary_LeapDayInNonLeapYear_FollowsTheRule(LeapDayRule rule, int y, int m, int d)
    {
        var at = Schedule.NextAnniversary(Utc(2027, 1, 10, 0), Shanghai, new AnnualDate(2, 29), new LocalTime(9, 0), 0, rule);
        Assert.Equal((new LocalDate(y, m, d) + new LocalTime(9, 0)).InZoneLeniently(Shanghai).ToInstant(), at);
    }

    [Fact]
    public void NextAnniversary_LeapDayInLeapYear_IsFebruary29() =>
        Assert.Equal(Utc(2028, 2, 29, 1), Schedule.NextAnniversary(Utc(2027, 12, 1, 0), Shanghai, new AnnualDate(2, 29), new LocalTime(9, 0)));

    [Fact]
    public void NextAnniversary_PassedThisYear_IsNextYear() =>
        Assert.Equal(Utc(2027, 3, 1, 1), Schedule.NextAnniversary(Utc(2026, 3, 1, 2), Shanghai, new AnnualDate(3, 1), new LocalTime(9, 0)));

    [Fact]
    public void NextAnniversary_OnADstChangeDay_UsesTheLocalTime()
    {
        // A birthday on 2026-03-08 in New York (DST starts that night): 09:00 EDT = 13:00 UTC.
        Assert.Equal(Utc(2026, 3, 8, 13), Schedule.NextAnniversary(Utc(2026, 3, 1, 0), NewYork, new AnnualDate(3, 8), new LocalTime(9, 0)));
    }

    [Fact]
    public void NextAnniversary_NegativeOffset_IsDaysBefore() =>
        Assert.Equal(Utc(2026, 9, 1, 2), Schedule.NextAnniversary(Utc(2026, 6, 1, 0), Shanghai, new AnnualDate(10, 1), new LocalTime(10, 0), -30));

    [Fact]
    public void AddWorkingDays_FridayBeforeNationalDay_SkipsWeekendHolidaysAndCountsAdjustedWorkday()
    {
        // China 2026: National Day holiday Oct 1-7; Sunday Sep 27 and Saturday Oct 10 are adjusted workdays (illustrative).
        var cn = new WorkingCalendar([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday],
            Enumerable.Range(1, 7).Select(d => new LocalDate(2026, 10, d)),
            [new LocalDate(2026, 9, 27), new LocalDate(2026, 10, 10)]);
        // Friday 2026-09-25 15:00 Shanghai: Sun 27 (1), Mon 28 (2), Tue 29 (3).
        Assert.Equal(Utc(2026, 9, 29, 7), Schedule.AddWorkingDays(Utc(2026, 9, 25, 7), Shanghai, 3, cn));
        // Wednesday 2026-09-30 15:00: Thu 8 (1), Fri 9 (2), Sat 10 (3, adjusted workday).
        Assert.Equal(Utc(2026, 10, 10, 7), Schedule.AddWorkingDays(Utc(2026, 9, 30, 7), Shanghai, 3, cn));
    }

    [Fact]
    public void AddWorkingDays_MondayToFriday_SkipsTheWeekend() =>
        Assert.Equal(Utc(2026, 5, 13, 2), Schedule.AddWorkingDays(Utc(2026, 5, 8, 2), Shanghai, 3, WorkingCalendar.MondayToFriday));

    [Fact]
    public void NextTimeOfDay_AnyWeekdaySet_IsAtOrAfterAndWithinEightDays() =>
        Prop.ForAll<int, int, int>((minutes, hour, dayMask) =>
        {
            var after = Utc(2026, 1, 1, 0) + Duration.FromMinutes(Math.Abs(minutes % 600_000));
            var days = Enumerable.Range(1, 7).Where(d => ((Math.Abs(dayMask) % 127) + 1 & (1 << (d - 1))) != 0).Select(d => (IsoDayOfWeek)d).ToList();
            var at = new LocalTime(Math.Abs(hour % 24), 15);
            var next = Schedule.NextTimeOfDay(after, NewYork, at, days);
            Assert.True(next >= after && next < after + Duration.FromDays(8));
            Assert.Contains(next.InZone(NewYork).DayOfWeek, days);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Add_OneDay_AdvancesTheLocalDateByExactlyOne() =>
        Prop.ForAll<int>(minutes =>
        {
            var start = Utc(2026, 1, 1, 0) + Duration.FromMinutes(Math.Abs(minutes % 600_000));
            var next = Schedule.Add(start, Period.FromDays(1), London);
            Assert.Equal(start.InZone(London).Date.PlusDays(1), next.InZone(London).Date);
        }).QuickCheckThrowOnFailure();
}
