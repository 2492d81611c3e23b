namespace Engagement.Local.Security;

/// <summary>The actions the audit trail records (its <c>action</c> column). None of them carries a contact detail.</summary>
public static class AuditActions
{
    /// <summary>A customer's profile, enrollments and messages were read (<c>GET /customers/{id}</c>).</summary>
    public const string CustomerRead = "customer.read";

    /// <summary>A customer's erasure was queued (<c>DELETE /customers/{id}</c>).</summary>
    public const string CustomerErase = "customer.erase";

    /// <summary>Outbox messages (bodies, addresses) of a customer were read (<c>GET /outbox</c>, <c>engage outbox</c>); one entry per customer named in the answer.</summary>
    public const string OutboxRead = "outbox.read";

    /// <summary>Tasks for people about a customer were read (<c>GET /tasks</c>); one entry per customer named in the answer.</summary>
    public const string TasksRead = "tasks.read";

    /// <summary>A customer's consent changed through the API: a <c>consent.granted</c>, <c>consent.revoked</c> or
    /// <c>customer.unsubscribed</c> event posted with a key, or an unsubscribe link followed (who: <c>unsubscribe-link</c>).</summary>
    public const string ConsentChange = "consent.change";

    /// <summary>A key signed in to the dashboard.</summary>
    public const string DashboardSignIn = "dashboard.sign-in";

    /// <summary>A dashboard sign-in was refused (unknown key, or a role that cannot view).</summary>
    public const string DashboardSignInRefused = "dashboard.sign-in-refused";

    /// <summary>A key was added, replaced or removed. For the key-management commands (<c>engage keys</c>, data keys) to record.</summary>
    public const string KeyChange = "key.change";

    /// <summary>The data-encryption keys were rotated (re-encryption started). For key rotation to record.</summary>
    public const string KeyRotation = "key.rotate";

    /// <summary>Every action, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CustomerRead, CustomerErase, OutboxRead, TasksRead, ConsentChange, DashboardSignIn, DashboardSignInRefused, KeyChange, KeyRotation];
}
