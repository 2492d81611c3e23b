namespace Engagement.Reports.Kpis;

/// <summary>One retail KPI over the period against its target. Immutable. Definitions: docs/reports.md.</summary>
/// <param name="Id">Stable id (<c>churn-rate</c>, <c>repurchase-rate</c>, ...).</param>
/// <param name="Name">Display name.</param>
/// <param name="Value">The measured value (a proportion for rates, yuan for order value), or null when its denominator is empty.</param>
/// <param name="Display">The value as shown.</param>
/// <param name="Target">The target as shown (empty when the documents give none).</param>
/// <param name="Met">Met, missed, or null (no target, or nothing to measure).</param>
/// <param name="Basis">Numerator and denominator, so a reader can check it.</param>
public sealed record KpiResult(string Id, string Name, double? Value, string Display, string Target, bool? Met, string Basis);
