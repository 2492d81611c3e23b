using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Engagement.Journeys.Values;
using Engagement.Reports.Kpis;
using NodaTime;

namespace Engagement.Reports.Tests.Kpis;

/// <summary>Each KPI on a small data set computed by hand.</summary>
public sealed class KpiCalculatorTests
{
    private static readonly Instant From = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly Instant To = Instant.FromUtc(2026, 9, 1, 0, 0);

    private static CustomerEvent E(string type, string customer, Instant at, string data = "{}") => new($"{type}-{customer}-{at}", type, customer, at, ValueJson.Parse(data));

    private static KpiReport Compute(IEnumerable<CustomerEvent> events, IEnumerable<StageChange>? stages = null, IEnumerable<CustomerProfile>? profiles = null, long surveys = 0, WorkingCalendar? calendar = null) =>
        KpiCalculator.Compute(new KpiInput(events.ToList(), (profiles ?? []).ToList(), (stages ?? []).ToList(), surveys, calendar ?? WorkingCalendar.MondayToFriday, DateTimeZone.Utc), From, To);

    [Fact]
    public void Churn_CountsOnlyTheNewOrActiveCohortAtTheStart()
    {
        var before = From - Duration.FromDays(10);
        var inside = From + Duration.FromDays(30);
        var stages = new[]
        {
            new StageChange("a", before, "new"), new StageChange("a", inside, "churned"),          // cohort, churned
            new StageChange("b", before, "active"),                                                // cohort, stays
            new StageChange("c", before, "active"), new StageChange("c", To + Duration.FromDays(1), "churned"), // cohort, churns after the period
            new StageChange("d", before, "silent"), new StageChange("d", inside, "churned"),       // not in the cohort
            new StageChange("e", inside, "new"),                                                   // joined during the period
        };
        var churn = Compute([], stages)["churn-rate"];
        Assert.Equal(1.0 / 3, churn.Value!.Value, 10);
        Assert.False(churn.Met);
        Assert.StartsWith("1 ÷ 3", churn.Basis);
    }

    [Fact]
    public void RepurchaseAndOrderValue_FromOrdersInThePeriod()
    {
        var inside = From + Duration.FromDays(1);
        var events = new[]
        {
            E("order.placed", "a", inside, """{"amount":100}"""), E("order.placed", "a", inside + Duration.FromDays(3), """{"amount":300}"""),
            E("order.placed", "b", inside, """{"amount":200}"""), E("order.placed", "c", inside, """{"amount":400}"""),
            E("order.placed", "d", From - Duration.FromDays(10), """{"amount":125}"""), // previous period
        };
        var k = Compute(events);
        Assert.Equal(1.0 / 3, k["repurchase-rate"].Value!.Value, 10);
        Assert.True(k["repurchase-rate"].Met);
        Assert.Equal(250, k["average-order-value"].Value);
        Assert.Equal(1.0, k["average-order-value-change"].Value!.Value, 10);
    }

    [Fact]
    public void Satisfaction_ShareAtOrAboveEightAndTheDistribution()
    {
        var at = From + Duration.FromDays(5);
        var scores = new[] { 10, 9, 8, 8, 7, 3, 10 };
        var events = scores.Select((s, i) => E("survey.answered", "c" + i, at, $$"""{"score":{{s}}}""")).Append(E("survey.answered", "x", at, """{"score":11}"""));
        var k = Compute(events, surveys: 16);
        Assert.Equal(5.0 / 7, k["satisfaction"].Value!.Value, 10);
        Assert.False(k["satisfaction"].Met);
        Assert.Equal([0L, 0, 1, 0, 0, 0, 1, 2, 1, 2], k.Satisfaction);
        Assert.Equal(0.5, k["survey-response-rate"].Value);
    }

    [Fact]
    public void ComplaintDeadlines_ByHoursAndByWorkingDaysOfTheCalendar()
    {
        var friday = Instant.FromUtc(2026, 4, 3, 10, 0); // Friday; 6 April is a holiday in the calendar below
        var calendar = new WorkingCalendar([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], [new LocalDate(2026, 4, 6)], []);
        var events = new[]
        {
            E("complaint.opened", "a", friday, """{"complaintId":"1","severity":"urgent"}"""),
            E("complaint.responded", "a", friday + Duration.FromHours(2), """{"complaintId":"1"}"""),
            E("complaint.resolved", "a", friday + Duration.FromHours(47), """{"complaintId":"1"}"""),
            E("complaint.opened", "b", friday, """{"complaintId":"2","severity":"routine"}"""),
            E("complaint.responded", "b", friday + Duration.FromHours(30), """{"complaintId":"2"}"""),
            // Fri + 3 working days with Monday a holiday = Thursday 9 April 10:00; resolved Wednesday: in time, though after 48 h
            E("complaint.resolved", "b", Instant.FromUtc(2026, 4, 8, 9, 0), """{"complaintId":"2"}"""),
            E("complaint.opened", "c", friday, """{"complaintId":"3","severity":"routine"}"""),
            E("complaint.resolved", "c", Instant.FromUtc(2026, 4, 9, 11, 0), """{"complaintId":"3"}"""),
        };
        var k = Compute(events, calendar: calendar);
        Assert.Equal(1.0 / 3, k["complaint-response-24h"].Value!.Value, 10);
        Assert.Equal(1.0 / 3, k["complaint-resolution-48h"].Value!.Value, 10);
        Assert.Equal(2.0 / 3, k["complaint-resolution-3wd"].Value!.Value, 10);
        Assert.False(k["complaint-resolution-3wd"].Met);
        Assert.EndsWith("by severity: routine 1/2, urgent 1/1", k["complaint-resolution-3wd"].Basis);
    }

    [Fact]
    public void TierUpgradesAndPointsRedemption_PerCustomer()
    {
        var at = From + Duration.FromDays(2);
        var profiles = new[] { "a", "b", "c", "d" }.Select((id, i) => new CustomerProfile { CustomerId = id, Attributes = ValueJson.Parse($$"""{"points":{{i * 100}}}""") });
        var events = new[] { E("tier.upgraded", "a", at), E("tier.upgraded", "a", at + Duration.FromDays(1)), E("points.redeemed", "b", at), E("points.redeemed", "c", From - Duration.FromDays(1)) };
        var k = Compute(events, profiles: profiles);
        Assert.Equal(0.25, k["tier-upgrade-rate"].Value);
        Assert.Equal(1.0 / 3, k["points-redemption-rate"].Value!.Value, 10);
    }

    [Fact]
    public void EmptyData_GivesNoValueAndNoVerdict()
    {
        var k = Compute([]);
        Assert.All(k.Results, r => Assert.Null(r.Value));
        Assert.All(k.Results, r => Assert.Null(r.Met));
    }
}
