using NodaTime;

namespace Engagement.Reports.Kpis;

/// <summary>A customer's lifecycle stage became <paramref name="Stage"/> at <paramref name="At"/>. Immutable.</summary>
/// <param name="CustomerId">Customer.</param>
/// <param name="At">When.</param>
/// <param name="Stage">new, active, silent, churned, ...</param>
public sealed record StageChange(string CustomerId, Instant At, string Stage);
