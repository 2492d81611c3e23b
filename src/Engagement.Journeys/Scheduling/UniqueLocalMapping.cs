using NodaTime;

namespace Engagement.Journeys.Scheduling;

/// <summary>
/// Maps a local date and time in a zone to its instant without NodaTime's per-call <see cref="NodaTime.TimeZones.ZoneLocalMapping"/>
/// when the answer is certain: the local time falls well inside one zone interval (more than two days from a transition), so it
/// occurs exactly once. Near a transition it answers false and the caller applies its DST rule through NodaTime. Pure.
/// </summary>
/// <remarks>
/// Why two days suffice: a local time L maps to L − o for each offset o whose zone interval contains L − o. The first guess uses
/// the offset of the interval containing L read as UTC; if L − o lies in that interval more than two days from both ends, every
/// other offset o′ (offsets lie within ±18 hours, so |o − o′| ≤ 36 hours) gives an instant in the same interval, whose offset is
/// o: the mapping is unique. Almost every local time a simulation maps (start of day, same time tomorrow, 09:00 on a date) is
/// months from a transition, and UTC has none.
/// </remarks>
public static class UniqueLocalMapping
{
    private static readonly Duration Margin = Duration.FromDays(2);

    /// <summary>The one instant <paramref name="local"/> maps to in <paramref name="zone"/>; false (and the default instant)
    /// when it is within two days of a transition of the zone, where it may be skipped or occur twice.</summary>
    public static bool TryMap(LocalDateTime local, DateTimeZone zone, out Instant instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var interval = zone.GetZoneInterval(local.InUtc().ToInstant());
        var guess = local.WithOffset(interval.WallOffset).ToInstant();
        if ((!interval.HasStart || guess - interval.Start >= Margin) && (!interval.HasEnd || interval.End - guess >= Margin))
        {
            instant = guess;
            return true;
        }

        instant = default;
        return false;
    }
}
