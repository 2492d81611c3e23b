namespace Engagement.Reports.Statistics;

/// <summary>A comparison of a group against a control (the holdout, or a split's first variant), with its statistics. Immutable.
/// Every formula is in docs/reports.md.</summary>
/// <param name="Group">The group compared.</param>
/// <param name="Control">The control group.</param>
/// <param name="Absolute">Rate difference (group − control), in proportion units.</param>
/// <param name="AbsoluteInterval">95% interval of the difference (Newcombe's hybrid score method, from Wilson intervals); null when a group is empty.</param>
/// <param name="Relative">Relative uplift (group ÷ control − 1); null when the control rate is 0.</param>
/// <param name="RelativeInterval">95% interval of the relative uplift (Katz log method for the risk ratio, minus 1); null when either group has no goals.</param>
/// <param name="PValue">Two-sided p-value of the pooled two-proportion z-test (equal to Pearson's chi-squared test without continuity correction); null when a group is empty.</param>
/// <param name="RequiredPerGroup">Customers per group needed to detect the observed rates at α = 0.05 (two-sided) with 80% power; null when the rates are equal.</param>
/// <param name="Verdict">The plain-language conclusion.</param>
public sealed record UpliftResult(GroupRate Group, GroupRate Control, double Absolute, Interval? AbsoluteInterval, double? Relative, Interval? RelativeInterval,
    double? PValue, long? RequiredPerGroup, string Verdict);
