using System.Net;
using Engagement.Engine.Events;
using Engagement.Engine.Profiles;
using Engagement.Protection;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// The <c>contacts</c> container: one document per blind index value (<see cref="BlindIndex.Hash"/> of a profile's email or
/// phone; id and partition key), holding only the ids of the customers with that contact (<c>customerIds</c>). A profile document
/// keeps its own entries in a readable member, <see cref="KeysField"/> (hashes only), so a save knows which entries to leave and
/// a lookup can check an entry against the profile. Each change is a read and a write conditional on the ETag, repeated when
/// another writer came first, so two customers sharing a contact never lose each other; an emptied entry is deleted. Thread-safe.
/// </summary>
internal sealed class ContactIndex(CosmosDocuments contacts, BlindIndex index)
{
    /// <summary>The profile document's member with its contact index entries.</summary>
    public const string KeysField = "contactKeys";

    /// <summary>The index document's member with the customer ids.</summary>
    public const string CustomersField = "customerIds";

    private const int MaxAttempts = 100;

    /// <summary>The index entries of a profile's current email and phone.</summary>
    public IReadOnlyList<string> KeysOf(CustomerProfile profile) =>
        [.. new[] { index.Hash("email", profile.Email), index.Hash("phone", profile.Phone) }.OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The index entry of a contact, or null for an empty one.</summary>
    public string? KeyOf(string kind, string value) => index.Hash(kind, value);

    /// <summary>The index entry of the first contact a rejected raw line names (<see cref="RejectedContact.Of"/>, the same entry as
    /// a profile with that contact has), or null.</summary>
    public string? KeyOfRejected(string? raw) => RejectedContact.Of(raw, index.Hash)?.Hash;

    /// <summary>The entries a stored profile document lists (none for a document written without the index).</summary>
    public static IReadOnlyList<string> StoredKeys(JObject? profileDocument) =>
        profileDocument?[KeysField] is JArray keys ? [.. keys.OfType<JValue>().Select(k => k.Value as string).OfType<string>()] : [];

    /// <summary>The customer ids of an entry, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> CustomersAsync(string key, CancellationToken ct) =>
        await contacts.ReadAsync(key, key, ct).ConfigureAwait(false) is { } found ? Ids(found.Doc) : [];

    /// <summary>Adds the customer to the entry (creating it).</summary>
    public Task AddAsync(string key, string customerId, CancellationToken ct) => ChangeAsync(key, customerId, add: true, ct);

    /// <summary>Removes the customer from the entry (deleting it when no one is left).</summary>
    public Task RemoveAsync(string key, string customerId, CancellationToken ct) => ChangeAsync(key, customerId, add: false, ct);

    private async Task ChangeAsync(string key, string customerId, bool add, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await contacts.ReadAsync(key, key, ct).ConfigureAwait(false) is not { } found)
            {
                if (!add || await contacts.CreateAsync(Document(key, [customerId]), key, ct).ConfigureAwait(false) is not null)
                {
                    return;
                }

                continue; // another writer created it first
            }

            var ids = new SortedSet<string>(Ids(found.Doc), StringComparer.Ordinal);
            if (add ? !ids.Add(customerId) : !ids.Remove(customerId))
            {
                return;
            }

            if (ids.Count == 0)
            {
                if (await contacts.DeleteIfMatchAsync(key, key, found.ETag, ct).ConfigureAwait(false) != HttpStatusCode.PreconditionFailed)
                {
                    return;
                }

                continue;
            }

            // 412 (changed) or 404 (emptied and deleted meanwhile): read again.
            if ((await contacts.ReplaceAsync(Document(key, ids), key, key, found.ETag, ct).ConfigureAwait(false)).ETag is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException($"contact index entry {key[..8]}…: still changing after {MaxAttempts} attempts");
    }

    private static JObject Document(string key, IEnumerable<string> ids) => new() { ["id"] = key, [CustomersField] = new JArray(ids.ToArray()) };

    private static IReadOnlyList<string> Ids(JObject doc) =>
        doc[CustomersField] is JArray ids ? [.. ids.OfType<JValue>().Select(v => v.Value as string).OfType<string>().Order(StringComparer.Ordinal)] : [];
}
