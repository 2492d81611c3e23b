using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using Engagement.Engine.Ports;
using Engagement.Engine.Tasks;
using Microsoft.Azure.Cosmos;
using NodaTime;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IPersonalDataEraser"/> on Cosmos DB, by <see cref="Erasure"/>'s rule, with single-partition queries by customer id:
/// <list type="bullet">
/// <item><c>tasks</c>: every task of the customer is replaced with its title redacted (its other fields, <c>status</c> and
/// <c>ttl</c> kept).</item>
/// <item><c>ledger</c>: every entry that <see cref="Erasure.Scrub(Engine.Delivery.LedgerEntry)"/> changes (a deferred send's
/// event data, a provider's free text) is rewritten with the ledger's read-modify-write, so a concurrent delivery is not lost.</item>
/// </list>
/// Enrollment documents are scrubbed by the engine through <see cref="CosmosEnrollmentStore"/>; the profile is deleted by
/// <see cref="CosmosProfileStore"/>.
/// <list type="bullet">
/// <item><c>contacts</c>: the customer is removed from the blind index entries of its profile's email and phone (an entry left
/// with no one is deleted), so nothing finds the customer by contact any more.</item>
/// <item><c>rejected</c>: every rejected input that named the customer, found through <c>rejectedIndex</c> (one single-partition
/// query by customer id, and one per contact index entry the customer's profile lists, in the partitions
/// <see cref="CosmosEventInbox.ContactPartition"/>; then a point read per item in its day partition), is replaced by
/// <see cref="Erasure.Scrub(RejectedEvent)"/> (raw text and free-text reason redacted, the reason code kept) without the
/// customer id, and its index entry deleted. The profile's entries are read before anything is removed, and the engine deletes
/// the profile only after this eraser, so a retried erasure reads them again. Not reached: rejected lines that never parsed far
/// enough to name a customer, or named one only by a contact while the stores had no key, or by a contact the customer's
/// profile no longer had at the erasure (they expire with <see cref="CosmosStoreOptions.RejectedEventTtl"/>).</item>
/// </list>
/// Idempotent. Thread-safe.
/// </summary>
public sealed class CosmosPersonalDataEraser : IPersonalDataEraser
{
    private readonly CosmosDocuments _tasks;
    private readonly CosmosDocuments _ledgerDocs;
    private readonly CosmosMessageLedger _ledger;
    private readonly CosmosDocuments _rejected;
    private readonly CosmosDocuments _rejectedIndex;
    private readonly CosmosProfileStore? _profiles;
    private readonly ContactIndex? _contacts;

    internal CosmosPersonalDataEraser(CosmosDocuments tasks, CosmosDocuments ledgerDocs, CosmosMessageLedger ledger, CosmosDocuments rejected, CosmosDocuments rejectedIndex,
        CosmosProfileStore? profiles = null, ContactIndex? contacts = null)
    {
        _profiles = profiles;
        _contacts = contacts;
        _tasks = tasks;
        _ledgerDocs = ledgerDocs;
        _ledger = ledger;
        _rejected = rejected;
        _rejectedIndex = rejectedIndex;
    }

    /// <inheritdoc />
    public async ValueTask EraseAsync(string customerId, Instant now, CancellationToken cancellationToken)
    {
        // Read once, before the customer leaves the index entries (the profile document keeps listing them until it is deleted).
        var contactKeys = _contacts is not null && _profiles is not null
            ? await _profiles.IndexedKeysAsync(customerId, cancellationToken).ConfigureAwait(false)
            : [];

        // The customer leaves the contact index before its profile is deleted (the engine deletes the profile next; its
        // delete removes them too, for a profile erased on its own).
        foreach (var key in contactKeys)
        {
            await _contacts!.RemoveAsync(key, customerId, cancellationToken).ConfigureAwait(false);
        }

        var byCustomer = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @customerId").WithParameter("@customerId", customerId);
        foreach (var doc in await _tasks.QueryAsync(byCustomer, customerId, cancellationToken).ConfigureAwait(false))
        {
            var (id, status, ttl) = ((string?)doc["id"], doc["status"], doc["ttl"]);
            var scrubbed = Erasure.Scrub(_tasks.Unpack<HumanTask>(doc));
            var replacement = _tasks.Pack(scrubbed, id!);
            if (status is not null)
            {
                replacement["status"] = status;
            }

            if (ttl is not null)
            {
                replacement["ttl"] = ttl;
            }

            await _tasks.UpsertAsync(replacement, customerId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var doc in await _ledgerDocs.QueryAsync(byCustomer, customerId, cancellationToken).ConfigureAwait(false))
        {
            var entry = _ledgerDocs.Unpack<Engine.Delivery.LedgerEntry>(doc);
            if (!ReferenceEquals(Erasure.Scrub(entry), entry))
            {
                await _ledger.UpdateAsync(entry.Key, current => Erasure.Scrub(current) is var next && !ReferenceEquals(next, current) ? next : null, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        await ScrubRejectedAsync(customerId, contact: null, cancellationToken).ConfigureAwait(false);
        foreach (var key in contactKeys)
        {
            await ScrubRejectedAsync(CosmosEventInbox.ContactPartition(key), key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Scrubs the rejected items the index entries of one <c>rejectedIndex</c> partition point at and deletes the entries:
    /// a customer's (<paramref name="contact"/> null) or a contact's. An entry of the other sort in the same partition (a customer
    /// id that reads like a contact partition) is left alone.</summary>
    private async Task ScrubRejectedAsync(string partition, string? contact, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @partition").WithParameter("@partition", partition);
        foreach (var pointer in await _rejectedIndex.QueryAsync(query, partition, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals((string?)pointer["contact"], contact, StringComparison.Ordinal))
            {
                continue;
            }

            var (id, day) = ((string)pointer["id"]!, (string)pointer["day"]!);
            if (await _rejected.ReadAsync(id, day, cancellationToken).ConfigureAwait(false) is { } found)
            {
                var doc = found.Doc;
                var ttl = doc["ttl"];
                doc.Remove("day");
                doc.Remove("customerId");
                var replacement = _rejected.Pack(Erasure.Scrub(_rejected.Unpack<RejectedEvent>(doc)), id);
                replacement["day"] = day;
                if (ttl is not null)
                {
                    replacement["ttl"] = ttl;
                }

                await _rejected.UpsertAsync(replacement, day, cancellationToken).ConfigureAwait(false);
            }

            await _rejectedIndex.DeleteAsync(id, partition, cancellationToken).ConfigureAwait(false);
        }
    }
}
