using Engagement.Journeys.Expressions;
using NodaTime;

namespace Engagement.Journeys.Scheduling;

/// <summary>IANA time zones from NodaTime's embedded tzdb, so every machine uses the same rules and replay cannot diverge.</summary>
public static class TimeZones
{
    private static readonly IDateTimeZoneProvider Provider = DateTimeZoneProviders.Tzdb;

    /// <summary>Whether <paramref name="zoneId"/> is a known IANA id.</summary>
    public static bool IsValid(string? zoneId) => zoneId is not null && Provider.GetZoneOrNull(zoneId) is not null;

    /// <summary>The recipient's zone: the profile's, then the journey's default, then UTC; unknown ids are skipped.</summary>
    public static DateTimeZone Resolve(string? profileZone, string? journeyZone) =>
        (profileZone is null ? null : Provider.GetZoneOrNull(profileZone))
        ?? (journeyZone is null ? null : Provider.GetZoneOrNull(journeyZone))
        ?? DateTimeZone.Utc;

    /// <summary>The closest known id, for "did you mean" (e.g. <c>Asia/Shangai</c> → <c>Asia/Shanghai</c>).</summary>
    public static string? Suggest(string badZoneId) => Suggestions.Closest(badZoneId, Provider.Ids);
}
