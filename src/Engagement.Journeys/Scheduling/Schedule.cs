using System.Collections.Concurrent;
using NodaTime;
using NodaTime.TimeZones;

namespace Engagement.Journeys.Scheduling;

/// <summary>
/// Schedule maths in the recipient's time zone. Pure: every function takes the current instant as an argument.
/// </summary>
/// <remarks>
/// The DST rule, used everywhere: a local time that does not exist (a spring-forward gap) is shifted forward by the length of
/// the gap (02:30 becomes 03:30); a local time that occurs twice (a fall-back overlap) takes the earlier instant.
/// </remarks>
public static class Schedule
{
    private const int MaxSplits = 4096;

    /// <summary>Periods already split, by value (a <see cref="Period"/> compares by its units); bounded, since a caller may build periods.</summary>
    private static readonly ConcurrentDictionary<Period, (Period? Date, Duration Time)> Splits = new();

    /// <summary>The DST rule as a NodaTime resolver (NodaTime's lenient resolver).</summary>
    public static ZoneLocalMappingResolver Resolver { get; } = Resolvers.LenientResolver;

    /// <summary>
    /// Adds a period: years, months, weeks and days move the local calendar date keeping the local time of day (P1D is
    /// "same time tomorrow" even across a DST change); hours, minutes and seconds are elapsed time (PT24H is exactly 24 hours).
    /// </summary>
    public static Instant Add(Instant start, Period period, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (datePart, timePart) = Split(period);
        var instant = start;
        if (datePart is not null)
        {
            instant = Resolve(start.InZone(zone).LocalDateTime.Plus(datePart), zone);
        }

        return instant + timePart;
    }

    /// <summary>The instant of <paramref name="local"/> in <paramref name="zone"/> under the DST rule (<see cref="Resolver"/>),
    /// without a mapping object when the local time is far from a transition (<see cref="UniqueLocalMapping"/>).</summary>
    public static Instant Resolve(LocalDateTime local, DateTimeZone zone) =>
        UniqueLocalMapping.TryMap(local, zone, out var instant) ? instant : local.InZone(zone, Resolver).ToInstant();

    /// <summary>The calendar part (years, months, weeks, days; null when zero) and the elapsed part (hours, minutes, seconds)
    /// of a period. The periods come from journey and policy files, so there are few of them: each is split once.</summary>
    private static (Period? Date, Duration Time) Split(Period period)
    {
        if (Splits.TryGetValue(period, out var split))
        {
            return split;
        }

        var datePart = new PeriodBuilder { Years = period.Years, Months = period.Months, Weeks = period.Weeks, Days = period.Days }.Build();
        var timePart = new PeriodBuilder { Hours = period.Hours, Minutes = period.Minutes, Seconds = period.Seconds }.Build();
        split = (datePart == Period.Zero ? null : datePart, timePart.ToDuration());
        if (Splits.Count < MaxSplits)
        {
            Splits.TryAdd(period, split);
        }

        return split;
    }

    /// <summary>The first instant at or after <paramref name="after"/> whose local time is <paramref name="at"/> on an allowed weekday (null or empty: every day).</summary>
    public static Instant NextTimeOfDay(Instant after, DateTimeZone zone, LocalTime at, IReadOnlyCollection<IsoDayOfWeek>? days = null)
    {
        var date = after.InZone(zone).Date;
        for (var i = 0; i < 9; i++)
        {
            var day = date.PlusDays(i);
            if (days is { Count: > 0 } && !days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var candidate = Resolve(day + at, zone);
            if (candidate >= after)
            {
                return candidate;
            }
        }

        throw new ArgumentException("No allowed weekday within eight days.", nameof(days));
    }

    /// <summary>
    /// The first instant at or after <paramref name="after"/> that is <paramref name="at"/> local time on the anniversary of
    /// <paramref name="date"/> moved by <paramref name="offsetDays"/>. 29 February in a non-leap year follows <paramref name="leapDayRule"/>.
    /// </summary>
    public static Instant NextAnniversary(Instant after, DateTimeZone zone, AnnualDate date, LocalTime at, int offsetDays = 0, LeapDayRule leapDayRule = LeapDayRule.February28)
    {
        var year = after.InZone(zone).Year;
        for (var y = year - 1; y <= year + 2; y++)
        {
            var candidate = Resolve(DayIn(y, date, leapDayRule).PlusDays(offsetDays) + at, zone);
            if (candidate >= after)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Unreachable: an anniversary occurs every year.");
    }

    /// <summary>
    /// The same local time on the <paramref name="days"/>-th working day after <paramref name="start"/>'s local date (so a
    /// complaint on Saturday with 3 working days is due on Wednesday at the same time; holidays and adjusted workdays follow the calendar).
    /// </summary>
    public static Instant AddWorkingDays(Instant start, DateTimeZone zone, int days, WorkingCalendar calendar)
    {
        var local = start.InZone(zone).LocalDateTime;
        var date = local.Date;
        for (var counted = 0; counted < days;)
        {
            date = date.PlusDays(1);
            if (calendar.IsWorkingDay(date))
            {
                counted++;
            }
        }

        return (date + local.TimeOfDay).InZone(zone, Resolver).ToInstant();
    }

    /// <summary>The calendar date of <paramref name="date"/> in <paramref name="year"/>, applying the leap-day rule.</summary>
    public static LocalDate DayIn(int year, AnnualDate date, LeapDayRule leapDayRule) =>
        date.IsLeapDay() && !CalendarSystem.Iso.IsLeapYear(year)
            ? (leapDayRule == LeapDayRule.March1 ? new LocalDate(year, 3, 1) : new LocalDate(year, 2, 28))
            : new LocalDate(year, date.Month, date.Day);
}
