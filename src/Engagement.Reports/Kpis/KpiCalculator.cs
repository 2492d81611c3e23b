using System.Globalization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using NodaTime;

namespace Engagement.Reports.Kpis;

/// <summary>
/// The retail KPIs over a period [from, to) against the targets of the requirements. Definitions (docs/reports.md, section
/// "Retail KPIs") are implemented here one method each. Pure: the same input gives the same figures.
/// </summary>
public static class KpiCalculator
{
    /// <summary>Churn target: below 8% in six months (stated).</summary>
    public const double ChurnTarget = 0.08;
    /// <summary>Repurchase target: 25% (stated).</summary>
    public const double RepurchaseTarget = 0.25;
    /// <summary>Satisfaction target: 85% at or above the threshold (stated 85–90%; the lower bound).</summary>
    public const double SatisfactionTarget = 0.85;
    /// <summary>Complaint deadline target: every complaint (default; the deadlines themselves are stated).</summary>
    public const double DeadlineTarget = 1.0;

    /// <summary>The default period: the six months ending at the end of the UTC day of the latest event.</summary>
    public static (Instant From, Instant To) DefaultPeriod(KpiInput input)
    {
        var last = input.Events.Count == 0 ? Instant.FromUtc(2026, 1, 1, 0, 0) : input.Events.Max(e => e.Time);
        var to = last.InUtc().Date.PlusDays(1);
        return (to.PlusMonths(-6).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), to.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
    }

    /// <summary>Every KPI for [from, to).</summary>
    public static KpiReport Compute(KpiInput input, Instant from, Instant to)
    {
        bool In(Instant t) => t >= from && t < to;
        var inPeriod = input.Events.Where(e => In(e.Time)).ToList();
        var results = new List<KpiResult> { Churn(input, from, to) };
        results.AddRange(Orders(input, inPeriod, from, to));
        var (satisfaction, scores) = Satisfaction(inPeriod, input.SatisfactionThreshold);
        results.Add(satisfaction);
        results.AddRange(Complaints(input, inPeriod));
        results.Add(Rate("survey-response-rate", "Survey response rate", inPeriod.Count(e => e.Type == "survey.answered"), input.SurveysSent, null, null,
            "survey answers ÷ survey messages sent"));
        var customers = input.Profiles.Select(p => p.CustomerId).Distinct(StringComparer.Ordinal).Count();
        results.Add(Rate("tier-upgrade-rate", "Tier-upgrade rate", Distinct(inPeriod, "tier.upgraded"), customers, null, null, "customers upgraded ÷ customers with a profile"));
        var holders = input.Profiles.Count(p => p.Attributes["points"].AsNumber() is > 0);
        results.Add(Rate("points-redemption-rate", "Points redemption", Distinct(inPeriod, "points.redeemed"), holders, null, null,
            "customers who redeemed points ÷ customers holding points"));
        return new KpiReport(from, to, results, scores);
    }

    /// <summary>Customers whose stage became churned in the period ÷ customers whose stage was new or active at its start.</summary>
    internal static KpiResult Churn(KpiInput input, Instant from, Instant to)
    {
        var byCustomer = input.Stages.GroupBy(s => s.CustomerId, StringComparer.Ordinal);
        long cohort = 0, churned = 0;
        foreach (var changes in byCustomer)
        {
            var atStart = changes.Where(s => s.At < from).OrderBy(s => s.At).LastOrDefault()?.Stage;
            if (atStart is not ("new" or "active"))
            {
                continue;
            }

            cohort++;
            if (changes.Any(s => s.At >= from && s.At < to && s.Stage == "churned"))
            {
                churned++;
            }
        }

        return Rate("churn-rate", "Churn rate", churned, cohort, ChurnTarget, false, "churned in the period ÷ new or active at its start");
    }

    private static IEnumerable<KpiResult> Orders(KpiInput input, List<CustomerEvent> inPeriod, Instant from, Instant to)
    {
        var orders = inPeriod.Where(e => e.Type == "order.placed").ToList();
        var perCustomer = orders.GroupBy(o => o.CustomerId, StringComparer.Ordinal).Select(g => g.Count()).ToList();
        yield return Rate("repurchase-rate", "Repurchase rate", perCustomer.Count(n => n >= 2), perCustomer.Count, RepurchaseTarget, true,
            "customers with 2+ orders ÷ customers with 1+ order");
        var length = to - from;
        var previous = input.Events.Where(e => e.Type == "order.placed" && e.Time >= from - length && e.Time < from).ToList();
        var aov = Average(orders);
        var before = Average(previous);
        yield return new KpiResult("average-order-value", "Average order value", aov, aov is { } a ? "¥" + a.ToString("N2", CultureInfo.InvariantCulture) : "-", string.Empty, null,
            $"{orders.Count:N0} orders in the period");
        double? change = aov is { } x && before is { } y && y != 0 ? x / y - 1 : null;
        yield return new KpiResult("average-order-value-change", "Average order value change", change, change is { } c ? (c >= 0 ? "+" : string.Empty) + Percent(c) : "-",
            string.Empty, null, before is { } b ? $"previous equal period ¥{b.ToString("N2", CultureInfo.InvariantCulture)} over {previous.Count:N0} orders" : "no orders in the previous equal period");
    }

    private static (KpiResult Result, long[] Scores) Satisfaction(List<CustomerEvent> inPeriod, int threshold)
    {
        var scores = new long[10];
        foreach (var e in inPeriod.Where(e => e.Type == "survey.answered"))
        {
            if (e.Data["score"].AsNumber() is { } s && s >= 1 && s <= 10 && s == Math.Floor(s))
            {
                scores[(int)s - 1]++;
            }
        }

        var satisfied = scores.Skip(threshold - 1).Sum();
        return (Rate("satisfaction", $"Satisfaction (score ≥ {threshold})", satisfied, scores.Sum(), SatisfactionTarget, true, $"scores {threshold}–10 ÷ scores 1–10"), scores);
    }

    private static IEnumerable<KpiResult> Complaints(KpiInput input, List<CustomerEvent> inPeriod)
    {
        var all = input.Events.Where(e => e.Type is "complaint.responded" or "complaint.resolved").ToList();
        Instant? First(string type, string id, string customer, Instant after) => all
            .Where(e => e.Type == type && e.CustomerId == customer && e.Data["complaintId"].AsString() == id && e.Time >= after).Select(e => (Instant?)e.Time).Min();
        var opened = inPeriod.Where(e => e.Type == "complaint.opened" && e.Data["complaintId"].AsString() is not null)
            .Select(e => (Severity: e.Data["severity"].AsString() ?? "unknown", At: e.Time,
                Responded: First("complaint.responded", e.Data["complaintId"].AsString()!, e.CustomerId, e.Time),
                Resolved: First("complaint.resolved", e.Data["complaintId"].AsString()!, e.CustomerId, e.Time))).ToList();
        var deadlines = new (string Id, string Name, Func<(string Severity, Instant At, Instant? Responded, Instant? Resolved), bool> Met)[]
        {
            ("complaint-response-24h", "Complaints responded within 24 h", c => c.Responded is { } r && r - c.At <= Duration.FromHours(24)),
            ("complaint-resolution-48h", "Complaints resolved within 48 h", c => c.Resolved is { } r && r - c.At <= Duration.FromHours(48)),
            ("complaint-resolution-3wd", "Complaints resolved within 3 working days (cn)", c => c.Resolved is { } r && r <= Schedule.AddWorkingDays(c.At, input.CalendarZone, 3, input.Calendar)),
        };
        foreach (var (id, name, met) in deadlines)
        {
            var bySeverity = opened.GroupBy(c => c.Severity, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count(met)}/{g.Count()}");
            var result = Rate(id, name, opened.Count(met), opened.Count, DeadlineTarget, true, "on time ÷ opened in the period");
            yield return result with { Basis = result.Basis + (opened.Count > 0 ? "; by severity: " + string.Join(", ", bySeverity) : string.Empty) };
        }
    }

    private static long Distinct(List<CustomerEvent> events, string type) => events.Where(e => e.Type == type).Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).Count();

    private static double? Average(List<CustomerEvent> orders)
    {
        var amounts = orders.Select(o => o.Data["amount"].AsNumber()).Where(a => a is not null).Select(a => a!.Value).ToList();
        return amounts.Count == 0 ? null : amounts.Average();
    }

    /// <summary>A rate with its target: <paramref name="atLeast"/> true means value ≥ target is met, false means value &lt; target is met.</summary>
    internal static KpiResult Rate(string id, string name, long numerator, long denominator, double? target, bool? atLeast, string basis)
    {
        double? value = denominator > 0 ? (double)numerator / denominator : null;
        bool? met = value is { } v && target is { } t ? (atLeast == true ? v >= t - 1e-12 : v < t) : null;
        var targetText = target is { } tt ? (atLeast == true ? "≥ " : "< ") + Percent(tt) : string.Empty;
        return new KpiResult(id, name, value, value is { } x ? Percent(x) : "-", targetText, met,
            $"{numerator.ToString("N0", CultureInfo.InvariantCulture)} ÷ {denominator.ToString("N0", CultureInfo.InvariantCulture)} ({basis})");
    }

    private static string Percent(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
