using NodaTime;

namespace Engagement.Local.Security;

/// <summary>A recorded <see cref="AuditEvent"/>: its place in the trail and when the host recorded it. Immutable.</summary>
/// <param name="Sequence">Increasing; never reused.</param>
/// <param name="At">When (the host's clock).</param>
/// <param name="Who">The key's name, or <c>local:&lt;OS user&gt;</c>.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="CustomerId">The customer concerned, if one.</param>
/// <param name="From">The remote address, or <c>cli</c>.</param>
/// <param name="Detail">Counts and names without personal data.</param>
public sealed record AuditEntry(long Sequence, Instant At, string Who, string Action, string? CustomerId, string? From, string? Detail);
