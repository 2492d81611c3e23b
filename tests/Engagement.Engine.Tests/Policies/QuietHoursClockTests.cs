using Engagement.Engine.Policies;
using NodaTime;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Policies;

public class QuietHoursClockTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly QuietWindow Evening = new(new LocalTime(21, 0), new LocalTime(8, 0), QuietHoursAction.Defer);

    [Theory]
    [InlineData("2026-03-08T06:30:00Z", "2026-03-08T12:00:00Z")] // 01:30 EST, before the spring-forward: 08:00 EDT
    [InlineData("2026-03-08T11:59:00Z", "2026-03-08T12:00:00Z")] // 07:59 EDT
    [InlineData("2026-03-08T02:00:00Z", "2026-03-08T12:00:00Z")] // 21:00 EST on 7 March
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01T13:00:00Z")] // 01:30 EDT, the first of two: 08:00 EST
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01T13:00:00Z")] // 01:30 EST, the second
    [InlineData("2026-11-01T01:00:00Z", "2026-11-01T13:00:00Z")] // 21:00 EDT on 31 October
    public void NextAllowed_AcrossDstDays_IsEightOClockLocal(string now, string expected)
    {
        Assert.True(QuietHoursClock.IsQuiet(Evening, At(now), NewYork));
        Assert.Equal(At(expected), QuietHoursClock.NextAllowed(Evening, At(now), NewYork));
    }

    [Theory]
    [InlineData("2026-03-08T12:00:00Z", false)] // 08:00 EDT: the first allowed minute
    [InlineData("2026-03-09T00:59:00Z", false)] // 20:59 EDT
    [InlineData("2026-03-09T01:00:00Z", true)]  // 21:00 EDT
    [InlineData("2026-11-01T12:59:00Z", true)]  // 07:59 EST
    [InlineData("2026-11-01T13:00:00Z", false)] // 08:00 EST
    public void IsQuiet_AtTheEdgesOnDstDays_UsesLocalTime(string now, bool quiet) =>
        Assert.Equal(quiet, QuietHoursClock.IsQuiet(Evening, At(now), NewYork));

    [Fact]
    public void NextAllowed_EndInsideTheSpringGap_IsTheEndOfTheGap()
    {
        var window = new QuietWindow(new LocalTime(1, 0), new LocalTime(2, 30), QuietHoursAction.Defer);

        // 01:30 EST; 02:30 does not exist that night, so 03:00 EDT (07:00Z) is the first allowed minute.
        Assert.Equal(At("2026-03-08T07:00:00Z"), QuietHoursClock.NextAllowed(window, At("2026-03-08T06:30:00Z"), NewYork));
    }

    [Fact]
    public void NextAllowed_EndInsideTheFallOverlapAlreadyPassedOnce_TakesTheSecond()
    {
        var window = new QuietWindow(new LocalTime(0, 30), new LocalTime(1, 30), QuietHoursAction.Defer);

        // 01:10 EST (second pass): 01:30 EDT is already past, 01:30 EST (06:30Z) is next.
        Assert.Equal(At("2026-11-01T06:30:00Z"), QuietHoursClock.NextAllowed(window, At("2026-11-01T06:10:00Z"), NewYork));
    }

    [Fact]
    public void Contains_SameFromAndTo_IsNeverQuiet() =>
        Assert.False(new QuietWindow(new LocalTime(8, 0), new LocalTime(8, 0), QuietHoursAction.Skip).Contains(new LocalTime(8, 0)));
}
