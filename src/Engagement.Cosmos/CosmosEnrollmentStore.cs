using Engagement.Engine.Ports;
using Engagement.Journeys.Runtime;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IEnrollmentStore"/> on the <c>enrollments</c> container (partition key <c>/customerId</c>, id = enrollment id),
/// with the <c>enrollmentIndex</c> container mapping enrollment id → customer id.
/// <list type="bullet">
/// <item><see cref="GetAsync"/>: index point read (skipped when this instance knows the customer) + enrollment point read.</item>
/// <item><see cref="SaveAsync"/>: one upsert; plus an index upsert (written first, so an enrollment is never unreachable by
/// id) the first time this instance saves an enrollment generation and when the enrollment exits.</item>
/// <item><see cref="ListByCustomerAsync"/> and <see cref="ListAwaitingAsync"/>: one single-partition query each.</item>
/// <item>Exited enrollments and their index entries get <see cref="CosmosStoreOptions.ExitedEnrollmentTtl"/>; a re-entry
/// with the same id writes both again without a TTL.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class CosmosEnrollmentStore : IEnrollmentStore
{
    private readonly CosmosDocuments _docs;
    private readonly EnrollmentIndex _index;
    private readonly CosmosStoreOptions _options;

    internal CosmosEnrollmentStore(CosmosDocuments docs, EnrollmentIndex index, CosmosStoreOptions options)
    {
        _docs = docs;
        _index = index;
        _options = options;
    }

    /// <inheritdoc />
    public async ValueTask<EnrollmentState?> GetAsync(string enrollmentId, CancellationToken cancellationToken)
    {
        if (await _index.CustomerOfAsync(enrollmentId, cancellationToken).ConfigureAwait(false) is not { } customerId)
        {
            return null;
        }

        return await _docs.ReadAsync(CosmosIds.Encode(enrollmentId), customerId, cancellationToken).ConfigureAwait(false) is { } found
            ? _docs.Unpack<EnrollmentState>(found.Doc)
            : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(EnrollmentState state, CancellationToken cancellationToken)
    {
        int? ttl = state.Status == EnrollmentStatus.Exited ? CosmosStoreOptions.Seconds(_options.ExitedEnrollmentTtl) : null;
        await _index.BeforeSaveAsync(state, ttl, cancellationToken).ConfigureAwait(false);
        var doc = _docs.Pack(state, CosmosIds.Encode(state.EnrollmentId));
        if (ttl is { } seconds)
        {
            doc["ttl"] = seconds;
        }

        await _docs.UpsertAsync(doc, state.CustomerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All enrollments of a customer, ordered by entry instant then id (the order is made here: the local server has
    /// no ORDER BY, and a client-side sort of a handful of items costs no RU). One single-partition query.</summary>
    public async ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @customerId").WithParameter("@customerId", customerId);
        return Ordered(await _docs.QueryAsync(query, customerId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The customer's waiting enrollments that await <paramref name="eventType"/> (<c>status</c> and
    /// <c>awaitingEvent</c> are indexed). One single-partition query.</summary>
    public async ValueTask<IReadOnlyList<EnrollmentState>> ListAwaitingAsync(string customerId, string eventType, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @customerId AND c.status = @status AND c.awaitingEvent = @event")
            .WithParameter("@customerId", customerId)
            .WithParameter("@status", "waiting")
            .WithParameter("@event", eventType);
        return Ordered(await _docs.QueryAsync(query, customerId, cancellationToken).ConfigureAwait(false));
    }

    private List<EnrollmentState> Ordered(List<JObject> docs) =>
        docs.Select(_docs.Unpack<EnrollmentState>)
            .OrderBy(s => s.EnteredAt)
            .ThenBy(s => s.EnrollmentId, StringComparer.Ordinal)
            .ToList();
}
