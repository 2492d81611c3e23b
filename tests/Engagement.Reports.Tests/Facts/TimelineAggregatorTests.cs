using Engagement.Engine.Timeline;
using Engagement.Reports.Facts;
using NodaTime;

namespace Engagement.Reports.Tests.Facts;

public sealed class TimelineAggregatorTests
{
    private static readonly Instant Day1 = Instant.FromUtc(2026, 3, 1, 23, 30);
    private static readonly Instant Day2 = Instant.FromUtc(2026, 3, 2, 0, 30);

    private static TimelineEntry Sent(Instant at, string customer, string channel = "email") => new()
    {
        At = at, Kind = TimelineKind.Sent, CustomerId = customer, Journey = "welcome", Version = 1, Step = "hello", Channel = channel,
    };

    [Fact]
    public void FromTimeline_CountsPerUtcDayAndKey_AndRecipientsOnce()
    {
        var facts = TimelineAggregator.FromTimeline([Sent(Day1, "a"), Sent(Day1, "a"), Sent(Day2, "b"), Sent(Day2, "a", "sms")], ReportPeriod.All, "file.jsonl");

        Assert.Equal("file.jsonl", facts.Source);
        Assert.Equal(
            [("2026-03-01", "email", 2L), ("2026-03-02", "email", 1L), ("2026-03-02", "sms", 1L)],
            facts.Facts.Select(f => (f.Key.Day, f.Key.Channel, f.Count)).OrderBy(f => f.Day, StringComparer.Ordinal).ThenBy(f => f.Channel, StringComparer.Ordinal));
        Assert.Equal(2L, facts.Recipients[("welcome", 1, "hello")]);
    }

    [Fact]
    public void Add_EntriesOutsideThePeriodOrAnyJourney_AreNotCounted()
    {
        var aggregator = new TimelineAggregator(new ReportPeriod(new LocalDate(2026, 3, 2), null));

        aggregator.Add(Sent(Day1, "a"));
        aggregator.Add(new TimelineEntry { At = Day2, Kind = TimelineKind.Rejected, Reason = "bad json" });
        aggregator.Add(Sent(Day2, "b"));
        var facts = aggregator.Build("db");

        var fact = Assert.Single(facts.Facts);
        Assert.Equal(("2026-03-02", 1L), (fact.Key.Day, fact.Count));
        Assert.Equal(1L, facts.Recipients[("welcome", 1, "hello")]);
    }

    [Fact]
    public void ReportFactKey_LongReasonsAreCut_AndDetailIsKeptOnlyWhereItNamesAStep()
    {
        var failed = ReportFactKey.Of(new TimelineEntry { At = Day1, Kind = TimelineKind.Failed, Journey = "j", Reason = new string('x', 200), Detail = "smtp 550" })!.Value;
        var passed = ReportFactKey.Of(new TimelineEntry { At = Day1, Kind = TimelineKind.Passed, Journey = "j", Reason = "timeout", Detail = "remind" })!.Value;

        Assert.Equal((ReportFactKey.MaxReason, string.Empty), (failed.Reason.Length, failed.Detail));
        Assert.Equal(("passed", "remind"), (passed.Kind, passed.Detail));
    }

    [Theory]
    [InlineData("2026-03-05", "2026-03-01", "--to: 2026-03-01 is before --from 2026-03-05")]
    [InlineData("March", null, "--from: 'March' is not a date: expected yyyy-MM-dd such as 2026-03-01")]
    public void ReportPeriod_TryParse_RejectsWithOneLineNamingTheOption(string? from, string? to, string message)
    {
        Assert.False(ReportPeriod.TryParse(from, to, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void ReportPeriod_Contains_IsInclusiveAtBothEnds()
    {
        Assert.True(ReportPeriod.TryParse("2026-03-01", "2026-03-02T10:00:00Z", out var period, out _));

        Assert.Equal([true, true, false], new[] { "2026-03-01", "2026-03-02", "2026-03-03" }.Select(period.Contains));
    }
}
