using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IDeliveryCorrelation"/> on the <c>correlations</c> container: partition key <c>/id</c>, id = the encoded
/// <c>provider/providerMessageId</c>, because a delivery report names only the provider's id (ACS email: the operation id).
/// Items hold ids only (customer id, ledger key, channel: no contact details) and expire with the container's default TTL
/// (<see cref="CosmosStoreOptions.DeliveryCorrelationTtl"/>; delivery reports arrive within days). Remembering is one upsert
/// (a retried send remembers the same thing again), finding one point read; nothing is indexed. Thread-safe.
/// </summary>
public sealed class CosmosDeliveryCorrelation : IDeliveryCorrelation
{
    private readonly CosmosDocuments _docs;

    internal CosmosDeliveryCorrelation(CosmosDocuments docs) => _docs = docs;

    /// <inheritdoc />
    public async ValueTask RememberAsync(string provider, string providerMessageId, DeliveryCorrelation correlation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correlation);
        var id = IdOf(provider, providerMessageId);
        var doc = CosmosDocuments.ToDocument(correlation, id);
        await _docs.UpsertAsync(doc, id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DeliveryCorrelation?> FindAsync(string provider, string providerMessageId, CancellationToken cancellationToken)
    {
        var id = IdOf(provider, providerMessageId);
        return await _docs.ReadAsync(id, id, cancellationToken).ConfigureAwait(false) is { } found
            ? CosmosDocuments.ToRecord<DeliveryCorrelation>(found.Doc)
            : null;
    }

    /// <summary>The item id (and partition key) of a provider's message id.</summary>
    public static string IdOf(string provider, string providerMessageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(providerMessageId);
        return CosmosIds.Encode(provider + "/" + providerMessageId);
    }
}
