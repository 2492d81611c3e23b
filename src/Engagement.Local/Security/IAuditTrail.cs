namespace Engagement.Local.Security;

/// <summary>The append-only audit trail of who read or changed customer data (docs/security.md). The embedded host keeps it
/// in its SQLite file; the HTTP API appends to it.</summary>
public interface IAuditTrail
{
    /// <summary>Durably appends <paramref name="events"/>, stamped with the host's clock, before it returns.</summary>
    ValueTask AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>The entries <paramref name="query"/> selects, oldest first.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}
