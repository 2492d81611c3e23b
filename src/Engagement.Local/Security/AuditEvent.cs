namespace Engagement.Local.Security;

/// <summary>
/// One thing to record in the audit trail; the host adds the time from its clock. Never put a contact detail (email, phone,
/// name) in any member: the customer is named by id only. Immutable.
/// </summary>
/// <param name="Who">The key's name, <c>local:&lt;OS user&gt;</c> for a command reading the database, or <c>unsubscribe-link</c>.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="CustomerId">The customer concerned, if one.</param>
/// <param name="From">Where from: the remote address, or <c>cli</c>.</param>
/// <param name="Detail">Counts and names without personal data (<c>messages=3</c>, <c>role=viewer</c>).</param>
public sealed record AuditEvent(string Who, string Action, string? CustomerId, string? From, string? Detail = null);
