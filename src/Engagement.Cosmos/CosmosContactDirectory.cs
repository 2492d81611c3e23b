using Engagement.Engine.Events;
using Engagement.Protection;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IContactDirectory"/> on the <c>contacts</c> container (<see cref="CosmosStoreOptions.ContactsContainer"/>): the
/// contact's blind index value (<see cref="BlindIndex.Hash"/>, under the key file's index key) is the id of one document listing
/// the customers with it; each customer listed is checked against its profile document's own entries, so an entry a failed save
/// left behind finds no one. Point reads only (1 + one per customer listed). Without a key (no <see cref="FieldProtector.Index"/>)
/// there is no index and every lookup throws <see cref="ContactIndexUnavailableException"/>. Thread-safe.
/// </summary>
public sealed class CosmosContactDirectory : IContactDirectory
{
    private readonly ContactIndex? _index;
    private readonly CosmosProfileStore _profiles;

    internal CosmosContactDirectory(ContactIndex? index, CosmosProfileStore profiles)
    {
        _index = index;
        _profiles = profiles;
    }

    /// <summary>Whether the stores keep the contact index (they have a key).</summary>
    public bool IsAvailable => _index is not null;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> FindAsync(string kind, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!BlindIndex.Kinds.Contains(kind))
        {
            throw new ArgumentException($"unknown contact kind '{kind}': expected email or phone", nameof(kind));
        }

        if (_index is null)
        {
            throw new ContactIndexUnavailableException();
        }

        if (_index.KeyOf(kind, value) is not { } key)
        {
            return [];
        }

        var found = new List<string>();
        foreach (var customerId in await _index.CustomersAsync(key, cancellationToken).ConfigureAwait(false))
        {
            if ((await _profiles.IndexedKeysAsync(customerId, cancellationToken).ConfigureAwait(false)).Contains(key, StringComparer.Ordinal))
            {
                found.Add(customerId);
            }
        }

        return found;
    }
}
