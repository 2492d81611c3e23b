using NodaTime;

namespace Engagement.Reports.Kpis;

/// <summary>The retail KPIs of a period. Immutable.</summary>
/// <param name="From">First instant of the period.</param>
/// <param name="To">End of the period (excluded).</param>
/// <param name="Results">Every KPI in a fixed order.</param>
/// <param name="Satisfaction">Count of survey scores 1..10 in the period (index 0 = score 1).</param>
public sealed record KpiReport(Instant From, Instant To, IReadOnlyList<KpiResult> Results, IReadOnlyList<long> Satisfaction)
{
    /// <summary>A KPI by id.</summary>
    public KpiResult this[string id] => Results.First(r => r.Id == id);
}
