using NodaTime;

namespace Engagement.Local.Security;

/// <summary>Which audit entries to list (every filter optional), oldest first. Immutable.</summary>
/// <param name="CustomerId">Only this customer.</param>
/// <param name="Action">Only this action.</param>
/// <param name="Since">Only entries at or after this instant.</param>
/// <param name="Who">Only this key name (or <c>local:user</c>).</param>
/// <param name="Limit">At most this many (1 to 100,000).</param>
public sealed record AuditQuery(string? CustomerId = null, string? Action = null, Instant? Since = null, string? Who = null, int Limit = 1000);
