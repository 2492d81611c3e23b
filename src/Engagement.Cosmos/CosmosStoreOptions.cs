using Engagement.Protection;

namespace Engagement.Cosmos;

/// <summary>
/// Where the Cosmos DB stores keep their data and how long it lives. The defaults match <c>infra/modules/cosmos.bicep</c>;
/// change both together. Immutable.
/// </summary>
public sealed record CosmosStoreOptions
{
    /// <summary>Database id (Bicep <c>databaseName</c>, app setting <c>CosmosDb__DatabaseName</c>).</summary>
    public string DatabaseName { get; init; } = "engagement";

    /// <summary>Profiles, pk <c>/customerId</c>, id = customer id.</summary>
    public string ProfilesContainer { get; init; } = "profiles";

    /// <summary>Enrollment states, pk <c>/customerId</c>, id = enrollment id.</summary>
    public string EnrollmentsContainer { get; init; } = "enrollments";

    /// <summary>Enrollment id → customer id, pk <c>/id</c>: lets <c>GetAsync(enrollmentId)</c> stay two point reads.</summary>
    public string EnrollmentIndexContainer { get; init; } = "enrollmentIndex";

    /// <summary>Message ledger, pk <c>/customerId</c>, id = encoded ledger key.</summary>
    public string LedgerContainer { get; init; } = "ledger";

    /// <summary>Human tasks, pk <c>/customerId</c>, id = encoded task key.</summary>
    public string TasksContainer { get; init; } = "tasks";

    /// <summary>Per journey/step/day counters, pk <c>/journeyId</c>.</summary>
    public string CountersContainer { get; init; } = "counters";

    /// <summary>Processed event ids (idempotent inbox), pk <c>/id</c>.</summary>
    public string EventsContainer { get; init; } = "events";

    /// <summary>Rejected inputs with their reason, pk <c>/day</c> (<c>yyyy-MM-dd</c> UTC of arrival).</summary>
    public string RejectedContainer { get; init; } = "rejected";

    /// <summary>Customer id → their rejected inputs (id and day), pk <c>/customerId</c>: how erasure finds a customer's rejected
    /// inputs with single-partition reads, although <see cref="RejectedContainer"/> is partitioned by day.</summary>
    public string RejectedIndexContainer { get; init; } = "rejectedIndex";

    /// <summary>Provider message id → customer and ledger key, for delivery reports (ACS email), pk <c>/id</c>.</summary>
    public string DeliveryCorrelationsContainer { get; init; } = "correlations";

    /// <summary>The contact blind index, pk <c>/id</c>, id = <c>HMAC-SHA-256(indexKey, kind:normalised contact)</c> (hex): the ids of
    /// the customers whose profile holds that email or phone, never the contact itself. Written only when <see cref="Protector"/>
    /// has an index key (<see cref="CosmosContactDirectory"/>).</summary>
    public string ContactsContainer { get; init; } = "contacts";

    /// <summary>How long an exited enrollment (and its index entry) is kept after its last write. Default 180 days.</summary>
    public TimeSpan ExitedEnrollmentTtl { get; init; } = TimeSpan.FromDays(180);

    /// <summary>How long a ledger entry is kept after its last write; must exceed the longest frequency-cap window. Null: forever.
    /// Erasure tombstones never expire. Default 400 days.</summary>
    public TimeSpan? LedgerEntryTtl { get; init; } = TimeSpan.FromDays(400);

    /// <summary>How long a processed event id is remembered: the <c>events</c> container's default TTL. Default 30 days.</summary>
    public TimeSpan ProcessedEventTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long a sent message's correlation is remembered: the <c>correlations</c> container's default TTL; reports
    /// arriving later are ignored. Default 30 days.</summary>
    public TimeSpan DeliveryCorrelationTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long a rejected event is kept. Null (the default): until someone deletes it (container TTL -1).</summary>
    public TimeSpan? RejectedEventTtl { get; init; }

    /// <summary>
    /// Create the database and containers when absent (local server, tests, the embedded host). Leave false in Azure: there
    /// the Bicep creates them and the app's data-plane role may not.
    /// </summary>
    public bool CreateIfNotExists { get; init; }

    /// <summary>
    /// The local Cosmos-compatible server (<c>@vercel/cosmosdb-server</c>) answers a point read of a missing document with
    /// 500 instead of 404; when true a 500 on a point read counts as "not found". Never set it against real Cosmos DB, where a
    /// 500 is a real server error.
    /// </summary>
    public bool MissingDocumentMayAnswer500 { get; init; }

    /// <summary>Entries per in-memory cache of a store instance (enrollment id → customer id, which saves the index read; ledger
    /// key → last seen ETag). A full cache is cleared: then the enrollment index is read again, and the next update of a ledger
    /// key seen before the clearing is unconditional (read it again first to keep the ETag check).</summary>
    public int CacheEntries { get; init; } = 100_000;

    /// <summary>
    /// Encrypts the document members that can hold an email, a phone number, a name or other personal data (AES-256-GCM,
    /// <c>enc1:&lt;key id&gt;:…</c> in a <c>sealed</c> member; which members stay readable: <see cref="ProtectedDocuments"/>,
    /// docs/security.md). Null or <see cref="FieldProtector.Plaintext"/>: documents are written in plain text. Documents written
    /// under an older key stay readable while the protector holds that key; <see cref="CosmosReencryptor"/> moves them to the
    /// current key, after which the older key can leave the file. The stores do not dispose it.
    /// </summary>
    public FieldProtector? Protector { get; init; }

    /// <summary>A TTL in whole seconds as Cosmos DB wants it (at least 1).</summary>
    internal static int Seconds(TimeSpan ttl) => (int)Math.Clamp(Math.Ceiling(ttl.TotalSeconds), 1, int.MaxValue);
}
