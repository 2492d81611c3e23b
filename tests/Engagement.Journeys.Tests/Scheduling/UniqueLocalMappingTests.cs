using Engagement.Journeys.Scheduling;
using NodaTime;
using NodaTime.TimeZones;

namespace Engagement.Journeys.Tests.Scheduling;

public sealed class UniqueLocalMappingTests
{
    /// <summary>Zones with every kind of transition: none, yearly DST in both hemispheres, a 30-minute DST (Lord Howe), a
    /// two-hour DST (Troll), DST abolished (São Paulo, 2019) and a skipped calendar day (Apia, 30 December 2011).</summary>
    public static TheoryData<string> Zones => new()
    {
        "UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Antarctica/Troll", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata",
    };

    [Theory, MemberData(nameof(Zones))]
    public void TryMap_WhenItAnswers_GivesTheOnlyInstantOfTheLocalTime_AndItAnswersForAlmostAll(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var answered = 0;
        var total = 0;
        for (var local = new LocalDateTime(2009, 1, 1, 0, 0); local.Year < 2031; local = local.PlusMinutes(433), total++)
        {
            if (UniqueLocalMapping.TryMap(local, zone, out var instant))
            {
                answered++;
                Assert.Equal(local.InZoneStrictly(zone).ToInstant(), instant);
            }

            Assert.Equal(local.InZone(zone, Resolvers.LenientResolver).ToInstant(), Schedule.Resolve(local, zone));
        }

        Assert.True(answered > total * 0.9, $"{zoneId}: answered {answered} of {total}");
        Assert.Equal(zoneId == "UTC" || zoneId == "Asia/Kolkata", answered == total);
    }

    [Fact]
    public void TryMap_ALocalTimeSkippedOrRepeatedOrNearATransition_IsLeftToTheResolver()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var apia = DateTimeZoneProviders.Tzdb["Pacific/Apia"];

        Assert.False(UniqueLocalMapping.TryMap(new LocalDateTime(2026, 3, 29, 1, 30), london, out _));
        Assert.False(UniqueLocalMapping.TryMap(new LocalDateTime(2026, 10, 25, 1, 30), london, out _));
        Assert.False(UniqueLocalMapping.TryMap(new LocalDateTime(2026, 3, 28, 9, 0), london, out _));
        Assert.False(UniqueLocalMapping.TryMap(new LocalDateTime(2011, 12, 30, 12, 0), apia, out _));
        Assert.True(UniqueLocalMapping.TryMap(new LocalDateTime(2026, 6, 1, 9, 0), london, out var june));
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 8, 0), june);
    }
}
