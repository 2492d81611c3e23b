using Microsoft.Azure.Cosmos;

namespace Engagement.Cosmos;

/// <summary>
/// The containers the stores use, with partition keys, default TTLs and indexing policies: the code's copy of
/// <c>infra/modules/cosmos.bicep</c> (a test checks the two agree). Indexing is kept to what is queried, because every
/// indexed path costs RU on every write.
/// </summary>
public static class CosmosContainers
{
    /// <summary>Every container's properties for the options' names and TTLs.</summary>
    public static IReadOnlyList<ContainerProperties> All(CosmosStoreOptions options) =>
    [
        // One document per customer; point reads and writes only.
        Define(options.ProfilesContainer, "/customerId", defaultTtl: null, NoIndex()),
        // Contact blind index -> customer ids; point reads and conditional writes only.
        Define(options.ContactsContainer, "/id", defaultTtl: null, NoIndex()),
        // Enrollment states; queries: by customer, waiting for an event (status, awaitingEvent), by journey version.
        Define(options.EnrollmentsContainer, "/customerId", defaultTtl: -1, IndexAllBut("/event/*", "/occurrences/*")),
        // Enrollment id -> customer id; point reads only.
        Define(options.EnrollmentIndexContainer, "/id", defaultTtl: -1, NoIndex()),
        // Ledger; frequency caps query (status = sent, sentAtKey >= since) within a customer.
        Define(options.LedgerContainer, "/customerId", defaultTtl: -1, IndexAllBut(["/pending/*"], [("/status", CompositePathSortOrder.Ascending), ("/sentAtKey", CompositePathSortOrder.Ascending)])),
        // Human tasks; agents' work lists by queue, status and due time.
        Define(options.TasksContainer, "/customerId", defaultTtl: -1, IndexAllBut([], [("/queue", CompositePathSortOrder.Ascending), ("/status", CompositePathSortOrder.Ascending), ("/due", CompositePathSortOrder.Ascending)])),
        // Counters per journey/version/step/day; a journey's day is one single-partition query.
        Define(options.CountersContainer, "/journeyId", defaultTtl: null, IndexAllBut()),
        // Processed event ids; point creates only.
        Define(options.EventsContainer, "/id", CosmosStoreOptions.Seconds(options.ProcessedEventTtl), NoIndex()),
        // Provider message id -> customer and ledger key (delivery reports); point reads and upserts only.
        Define(options.DeliveryCorrelationsContainer, "/id", CosmosStoreOptions.Seconds(options.DeliveryCorrelationTtl), NoIndex()),
        // Rejected inputs by arrival day; the raw text is not indexed.
        Define(options.RejectedContainer, "/day", options.RejectedEventTtl is { } rejectedTtl ? CosmosStoreOptions.Seconds(rejectedTtl) : -1, IndexAllBut("/raw/?")),
        // Which rejected inputs name a customer (for erasure), expiring with them.
        Define(options.RejectedIndexContainer, "/customerId", options.RejectedEventTtl is { } indexTtl ? CosmosStoreOptions.Seconds(indexTtl) : -1, IndexAllBut()),
    ];

    private static ContainerProperties Define(string name, string partitionKeyPath, int? defaultTtl, IndexingPolicy indexing) => new(name, partitionKeyPath)
    {
        DefaultTimeToLive = defaultTtl,
        IndexingPolicy = indexing,
    };

    private static IndexingPolicy NoIndex()
    {
        var policy = new IndexingPolicy { Automatic = true, IndexingMode = IndexingMode.Consistent };
        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        return policy;
    }

    private static IndexingPolicy IndexAllBut(params string[] excluded) => IndexAllBut(excluded, []);

    private static IndexingPolicy IndexAllBut(string[] excluded, (string Path, CompositePathSortOrder Order)[] composite)
    {
        var policy = new IndexingPolicy { Automatic = true, IndexingMode = IndexingMode.Consistent };
        policy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/\"_etag\"/?" });
        foreach (var path in excluded)
        {
            policy.ExcludedPaths.Add(new ExcludedPath { Path = path });
        }

        if (composite.Length > 0)
        {
            policy.CompositeIndexes.Add(new System.Collections.ObjectModel.Collection<CompositePath>(
                composite.Select(c => new CompositePath { Path = c.Path, Order = c.Order }).ToList()));
        }

        return policy;
    }
}
