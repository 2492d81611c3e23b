using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IProfileStore"/> on the <c>profiles</c> container: one document per customer, partition key
/// <c>/customerId</c>, id = the (encoded) customer id. Without a contact index every call is one point operation. With one
/// (the stores have a key), a save also reads the document it replaces, adds the customer to the <c>contacts</c> entries of
/// the profile's current email and phone before the write and removes it from the entries of contacts it no longer has after
/// it; the document lists its entries (hashes only) in <c>contactKeys</c>. Thread-safe.
/// </summary>
public sealed class CosmosProfileStore : IProfileStore
{
    private readonly CosmosDocuments _docs;
    private readonly ContactIndex? _contacts;

    internal CosmosProfileStore(CosmosDocuments docs, ContactIndex? contacts = null)
    {
        _docs = docs;
        _contacts = contacts;
    }

    /// <inheritdoc />
    public async ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        await _docs.ReadAsync(CosmosIds.Encode(customerId), customerId, cancellationToken).ConfigureAwait(false) is { } found
            ? _docs.Unpack<CustomerProfile>(found.Doc)
            : null;

    /// <inheritdoc />
    public async ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var id = CosmosIds.Encode(profile.CustomerId);
        var doc = _docs.Pack(profile, id);
        if (_contacts is null)
        {
            await _docs.UpsertAsync(doc, profile.CustomerId, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Entries first, document next, stale entries last: a failure in between leaves an entry too many, which a lookup
        // checks against the document's contactKeys, never one too few.
        var old = ContactIndex.StoredKeys((await _docs.ReadAsync(id, profile.CustomerId, cancellationToken).ConfigureAwait(false))?.Doc);
        var keys = _contacts.KeysOf(profile);
        foreach (var key in keys.Except(old, StringComparer.Ordinal))
        {
            await _contacts.AddAsync(key, profile.CustomerId, cancellationToken).ConfigureAwait(false);
        }

        doc[ContactIndex.KeysField] = new JArray(keys.ToArray());
        await _docs.UpsertAsync(doc, profile.CustomerId, cancellationToken).ConfigureAwait(false);
        foreach (var key in old.Except(keys, StringComparer.Ordinal))
        {
            await _contacts.RemoveAsync(key, profile.CustomerId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the profile document (contact points, consent, attributes all live in it) and removes the customer from
    /// its contact index entries. Idempotent: erasing a customer with no profile answers false.</summary>
    public async ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Encode(customerId);
        var keys = _contacts is null ? [] : ContactIndex.StoredKeys((await _docs.ReadAsync(id, customerId, cancellationToken).ConfigureAwait(false))?.Doc);
        var deleted = await _docs.DeleteAsync(id, customerId, cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            await _contacts!.RemoveAsync(key, customerId, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>The customer's contact index entries as its stored document lists them (none without an index or a document).</summary>
    internal async Task<IReadOnlyList<string>> IndexedKeysAsync(string customerId, CancellationToken cancellationToken) =>
        _contacts is null ? [] : ContactIndex.StoredKeys((await _docs.ReadAsync(CosmosIds.Encode(customerId), customerId, cancellationToken).ConfigureAwait(false))?.Doc);
}
