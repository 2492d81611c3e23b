using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IProfileStore"/> on the <c>profiles</c> container: one document per customer, partition key
/// <c>/customerId</c>, id = the (encoded) customer id. Every call is one point operation. Thread-safe.
/// </summary>
public sealed class CosmosProfileStore : IProfileStore
{
    private readonly CosmosDocuments _docs;

    internal CosmosProfileStore(CosmosDocuments docs) => _docs = docs;

    /// <inheritdoc />
    public async ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        await _docs.ReadAsync(CosmosIds.Encode(customerId), customerId, cancellationToken).ConfigureAwait(false) is { } found
            ? _docs.Unpack<CustomerProfile>(found.Doc)
            : null;

    /// <inheritdoc />
    public async ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken) =>
        await _docs.UpsertAsync(_docs.Pack(profile, CosmosIds.Encode(profile.CustomerId)), profile.CustomerId, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the profile document (contact points, consent, attributes all live in it). Idempotent: erasing a customer
    /// with no profile answers false.</summary>
    public async ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        await _docs.DeleteAsync(CosmosIds.Encode(customerId), customerId, cancellationToken).ConfigureAwait(false);
}
