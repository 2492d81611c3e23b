using Engagement.Engine.Timeline;
using Engagement.Reports.Facts;
using Engagement.Reports.Funnel;
using Engagement.Reports.Statistics;

namespace Engagement.Reports.Tests.Funnel;

/// <summary>The funnel of a journey run through the real simulator agrees with the raw timeline, entry by entry.</summary>
public sealed class FunnelBuilderTests : IDisposable
{
    private readonly JourneyDirectory _dir = TestJourneys.Directory();
    private readonly IReadOnlyList<TimelineEntry> _timeline;
    private readonly JourneyFunnel _funnel;

    public FunnelBuilderTests()
    {
        _timeline = _dir.Simulate(TestJourneys.Profiles(200), TestJourneys.Events(200));
        _funnel = FunnelBuilder.Build(_dir.Catalog.Get("ab", 1), TimelineAggregator.FromTimeline(_timeline, ReportPeriod.All, "t"));
    }

    private int Count(TimelineKind kind, Func<TimelineEntry, bool>? where = null) => _timeline.Count(e => e.Journey == "ab" && e.Kind == kind && (where?.Invoke(e) ?? true));

    [Fact]
    public void Build_StartStep_EnteredByEveryJourneyEntry()
    {
        Assert.Equal(200, Count(TimelineKind.Entered));
        Assert.Equal(200, _funnel.Step("pick").Entered);
        Assert.Equal(200, _funnel.Step("pick").Proceeded);
    }

    [Fact]
    public void Build_SplitArrows_CountTheVariantsAssigned()
    {
        var a = Count(TimelineKind.Assigned, e => e.Variant == "a" && e.Detail == "sms");
        var b = Count(TimelineKind.Assigned, e => e.Variant == "b" && e.Detail == "gold");
        Assert.Equal(200, a + b);
        Assert.InRange(a, 70, 130);
        Assert.Equal(a, _funnel.Edges.Single(e => e.From == "pick" && e.To == "sms").Count);
        Assert.Equal("a (50%)", _funnel.Edges.Single(e => e.From == "pick" && e.To == "sms").Label);
        Assert.Equal(a, _funnel.Step("sms").Entered);
        Assert.Equal(b, _funnel.Step("gold").Entered);
    }

    [Fact]
    public void Build_SendStep_SentPlusSuppressedIsEveryArrival()
    {
        var sms = _funnel.Step("sms");
        Assert.Equal(Count(TimelineKind.Sent, e => e.Step == "sms"), sms.Sent["sms"]);
        Assert.Equal(Count(TimelineKind.Suppressed, e => e.Step == "sms" && e.Reason == "holdout"), sms.Suppressed["holdout"]);
        Assert.Equal(sms.Entered, sms.SentTotal + sms.SuppressedTotal + sms.Deferred);
        Assert.Equal(_timeline.Where(e => e.Kind == TimelineKind.Sent && e.Step == "sms").Select(e => e.CustomerId).Distinct().Count(), sms.Recipients);
    }

    [Fact]
    public void Build_WaitsAndBranches_CountEveryArrowByHowItWasLeft()
    {
        Assert.Equal(Count(TimelineKind.Passed, e => e.Step == "pause" && e.Reason == "elapsed"), _funnel.Step("pause").Proceeded);
        Assert.Equal(_funnel.Step("sms").Entered, _funnel.Step("pause").Entered);
        var bought = Count(TimelineKind.Passed, e => e.Step == "await-buy" && e.Reason == "event" && e.Detail == "bought");
        var timedOut = Count(TimelineKind.Passed, e => e.Step == "await-buy" && e.Reason == "timeout" && e.Detail == "none");
        Assert.True(bought > 0 && timedOut > 0);
        Assert.Equal(bought, _funnel.Edges.Single(e => e.From == "await-buy" && e.Label == "buy").Count);
        Assert.Equal(bought, _funnel.Step("bought").Exited["bought"]);
        var gold = Count(TimelineKind.Passed, e => e.Step == "gold" && e.Reason == "case-1" && e.Detail == "mail");
        Assert.Equal(gold, _funnel.Edges.Single(e => e.From == "gold" && e.Label == "profile.tier == 'Gold'").Count);
        Assert.Equal(gold, _funnel.Step("mail").Entered);
        Assert.Equal(Count(TimelineKind.Exited, e => e.Step == "none"), _funnel.Step("none").Entered);
    }

    [Fact]
    public void Build_Days_AddUpToTheTotals()
    {
        Assert.Equal(_funnel.Entered, _funnel.Days.Sum(d => d.Entered));
        Assert.Equal(Count(TimelineKind.Sent), _funnel.Days.Sum(d => d.Sent));
        Assert.Equal(Count(TimelineKind.Goal), _funnel.Days.Sum(d => d.Goals));
        Assert.Equal(["2026-01-05", "2026-01-07"], _funnel.Days.Where(d => d.Entered > 0 || d.Goals > 0).Select(d => d.Day));
    }

    [Fact]
    public void Experiments_HoldoutAndVariants_CountEnrollmentsAndGoalsPerGroup()
    {
        var x = JourneyExperiments.Of(_dir.Catalog.Get("ab", 1), TimelineAggregator.FromTimeline(_timeline, ReportPeriod.All, "t"));
        Assert.Equal(Count(TimelineKind.Entered, e => e.Holdout == true), x.Holdout!.Control.Customers);
        Assert.Equal(Count(TimelineKind.Goal, e => e.Holdout == false), x.Holdout.Group.Goals);
        Assert.Equal(["a", "b"], x.VariantRates.Select(v => v.Name));
        Assert.Equal(Count(TimelineKind.Assigned, e => e.Variant == "b" && e.Holdout == false), x.VariantRates[1].Customers);
        Assert.Equal("b", Assert.Single(x.Variants).Group.Name);
    }

    [Fact]
    public void Period_LeavesOutDaysOutsideIt()
    {
        var facts = TimelineAggregator.FromTimeline(_timeline, new ReportPeriod(new NodaTime.LocalDate(2026, 1, 6), null), "t");
        var funnel = FunnelBuilder.Build(_dir.Catalog.Get("ab", 1), facts);
        Assert.Equal(0, funnel.Entered);
        Assert.Equal(Count(TimelineKind.Goal), funnel.Goals);
    }

    public void Dispose() => _dir.Dispose();
}
