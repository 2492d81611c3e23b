using Engagement.Engine.Events;
using NodaTime;

namespace Engagement.Engine.Tests.Events;

public sealed class EventTimeWindowTests
{
    private static readonly Instant Reference = Instant.FromUtc(2026, 3, 2, 10, 0);

    [Fact]
    public void Check_EndOfTime_IsRefusedWithoutOverflow() =>
        Assert.Contains("after 2100-01-01", EventTimeWindow.Default.Check(Instant.MaxValue, Instant.MaxValue, "r"));

    [Fact]
    public void Check_YearOne_IsRefusedAsBefore2000() =>
        Assert.Contains("before 2000-01-01", EventTimeWindow.Default.Check(Instant.FromUtc(1, 1, 1, 0, 0), Reference, "r"));

    [Fact]
    public void Check_MoreThanMaxAheadOfTheReference_IsRefusedAndNamesTheReference()
    {
        Assert.Null(EventTimeWindow.Default.Check(Reference + Duration.FromDays(1), Reference, "receipt"));
        Assert.Contains("after receipt 2026-03-02T10:00:00Z", EventTimeWindow.Default.Check(Reference + Duration.FromDays(1) + Duration.FromSeconds(1), Reference, "receipt"));
    }

    [Fact]
    public void Check_StreamedWindow_AllowsQuietMonthsButNotAMistypedDecade()
    {
        Assert.Null(EventTimeWindow.DefaultStreamed.Check(Reference + Duration.FromDays(90), Reference, "latest"));
        Assert.NotNull(EventTimeWindow.DefaultStreamed.Check(Instant.FromUtc(2036, 3, 2, 10, 0), Reference, "latest"));
        Assert.Null(EventTimeWindow.DefaultStreamed.Check(Instant.FromUtc(2036, 3, 2, 10, 0), null, "latest"));
    }
}
