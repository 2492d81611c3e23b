namespace Engagement.Reports.Facts;

/// <summary>How many timeline entries share a <see cref="ReportFactKey"/>. Immutable.</summary>
/// <param name="Key">What was counted.</param>
/// <param name="Count">How many.</param>
public sealed record ReportFact(ReportFactKey Key, long Count);
