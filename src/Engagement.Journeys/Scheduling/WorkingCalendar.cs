using System.Collections.Immutable;
using NodaTime;

namespace Engagement.Journeys.Scheduling;

/// <summary>
/// Which days are working days: a weekend, public holidays, and extra working days that override the weekend (China's
/// adjusted workdays, 调休). Immutable.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>Creates a calendar.</summary>
    public WorkingCalendar(IEnumerable<IsoDayOfWeek> weekend, IEnumerable<LocalDate> holidays, IEnumerable<LocalDate> extraWorkingDays)
    {
        Weekend = weekend.ToImmutableHashSet();
        Holidays = holidays.ToImmutableHashSet();
        ExtraWorkingDays = extraWorkingDays.ToImmutableHashSet();
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static WorkingCalendar MondayToFriday { get; } = new([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], [], []) { Name = "monday-to-friday" };

    /// <summary>The calendar's name (its file name in <c>journeys/calendars/</c>).</summary>
    public string Name { get; init; } = "calendar";

    /// <summary>Days of the week that are not working days.</summary>
    public ImmutableHashSet<IsoDayOfWeek> Weekend { get; }

    /// <summary>Public holidays.</summary>
    public ImmutableHashSet<LocalDate> Holidays { get; }

    /// <summary>Weekend days that are working days.</summary>
    public ImmutableHashSet<LocalDate> ExtraWorkingDays { get; }

    /// <summary>Extra working days win over the weekend; holidays win over weekdays.</summary>
    public bool IsWorkingDay(LocalDate date) =>
        ExtraWorkingDays.Contains(date) || (!Weekend.Contains(date.DayOfWeek) && !Holidays.Contains(date));
}
