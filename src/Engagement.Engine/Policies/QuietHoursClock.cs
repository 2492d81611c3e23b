using Engagement.Journeys.Scheduling;
using NodaTime;
using NodaTime.TimeZones;

namespace Engagement.Engine.Policies;

/// <summary>Quiet-hours arithmetic in the recipient's zone, DST-safe. Pure.</summary>
public static class QuietHoursClock
{
    private static readonly ZoneLocalMappingResolver EarliestAllowed =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>Whether <paramref name="now"/> is inside the window in <paramref name="zone"/>.</summary>
    public static bool IsQuiet(QuietWindow window, Instant now, DateTimeZone zone) => window.Contains(now.InZone(zone).TimeOfDay);

    /// <summary>
    /// The first instant after <paramref name="now"/> outside the window: the window's end, local time. An end that falls in a
    /// spring-forward gap becomes the instant the gap ends; one that occurs twice (fall-back) takes the first occurrence still
    /// after <paramref name="now"/>.
    /// </summary>
    public static Instant NextAllowed(QuietWindow window, Instant now, DateTimeZone zone)
    {
        var local = now.InZone(zone).LocalDateTime;
        var date = window.From > window.To && local.TimeOfDay >= window.From ? local.Date.PlusDays(1) : local.Date;
        for (var i = 0; i < 3; i++)
        {
            var target = date.PlusDays(i) + window.To;
            if (UniqueLocalMapping.TryMap(target, zone, out var unique))
            {
                if (unique > now)
                {
                    return unique;
                }

                continue;
            }

            var mapping = zone.MapLocal(target);
            if (mapping.Count == 2 && mapping.Last().ToInstant() > now && mapping.First().ToInstant() <= now)
            {
                return mapping.Last().ToInstant();
            }

            var candidate = target.InZone(zone, EarliestAllowed).ToInstant();
            if (candidate > now)
            {
                return candidate;
            }
        }

        return now + Duration.FromMinutes(1);
    }
}
