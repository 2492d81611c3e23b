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

    /// <summary>Customers were looked up by email or phone through the blind index (<c>POST /customers/lookup</c>); one entry per
    /// customer found (one without a customer when none was), the detail naming the kind of contact, never the contact.</summary>
    public const string CustomerLookup = "customer.lookup";

    /// <summary>A key rotation was started (<c>POST /admin/keys/rotate</c>, <c>engage keys rotate</c>): the host re-read its key
    /// file and began re-encrypting under the new current key, whose id is the detail.</summary>
    public const string KeyRotation = "key.rotate";

    /// <summary>The key that encrypts the database changed: serve started with a key file whose current key id is not the one the
    /// database last saw (detail <c>k1 -> k2</c>), or a database was first encrypted (<c>new file -> k1</c>, <c>plaintext -> k1</c>).</summary>
    public const string KeyChange = "key.change";

    /// <summary>Every action, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CustomerRead, CustomerErase, OutboxRead, TasksRead, ConsentChange, DashboardSignIn, DashboardSignInRefused, CustomerLookup, KeyRotation, KeyChange];
}
