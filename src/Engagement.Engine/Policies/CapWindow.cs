using Engagement.Journeys.Scheduling;
using NodaTime;

namespace Engagement.Engine.Policies;

/// <summary>A frequency cap's window: rolling (<c>P7D</c>) or calendar (<c>day</c>, <c>week</c>, <c>month</c>). Immutable.</summary>
/// <param name="Kind">Rolling or a calendar unit.</param>
/// <param name="Period">The rolling period (zero for calendar windows).</param>
/// <param name="Text">As written in policies.json.</param>
public sealed record CapWindow(CapWindowKind Kind, Period Period, string Text)
{
    /// <summary>A calendar day.</summary>
    public static CapWindow Day { get; } = new(CapWindowKind.Day, Period.Zero, "day");

    /// <summary>An ISO calendar week (Monday to Sunday).</summary>
    public static CapWindow Week { get; } = new(CapWindowKind.Week, Period.Zero, "week");

    /// <summary>A calendar month.</summary>
    public static CapWindow Month { get; } = new(CapWindowKind.Month, Period.Zero, "month");

    /// <summary>A rolling window.</summary>
    public static CapWindow Rolling(Period period, string text) => new(CapWindowKind.Rolling, period, text);

    /// <summary>The first instant counted by a check made at <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public Instant Start(Instant now, DateTimeZone zone)
    {
        if (Kind == CapWindowKind.Rolling)
        {
            // Strictly after now - period: a message sent exactly one period ago has left the window.
            return Schedule.Add(now, Period.Zero - Period, zone) + Duration.Epsilon;
        }

        var today = now.InZone(zone).Date;
        var first = Kind switch
        {
            CapWindowKind.Day => today,
            CapWindowKind.Week => today.PlusDays(-((int)today.DayOfWeek - 1)),
            _ => new LocalDate(today.Year, today.Month, 1),
        };
        return UniqueLocalMapping.TryMap(first.AtMidnight(), zone, out var start) ? start : zone.AtStartOfDay(first).ToInstant();
    }
}
