using Engagement.Engine.Effects;
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
/// <see cref="CosmosProfileStore"/>. Not reached: rejected inputs (partitioned by arrival day, not by customer: they expire with
/// <see cref="CosmosStoreOptions.RejectedEventTtl"/>). Idempotent. Thread-safe.
/// </summary>
public sealed class CosmosPersonalDataEraser : IPersonalDataEraser
{
    private readonly CosmosDocuments _tasks;
    private readonly CosmosDocuments _ledgerDocs;
    private readonly CosmosMessageLedger _ledger;

    internal CosmosPersonalDataEraser(CosmosDocuments tasks, CosmosDocuments ledgerDocs, CosmosMessageLedger ledger)
    {
        _tasks = tasks;
        _ledgerDocs = ledgerDocs;
        _ledger = ledger;
    }

    /// <inheritdoc />
    public async ValueTask EraseAsync(string customerId, Instant now, CancellationToken cancellationToken)
    {
        var byCustomer = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @customerId").WithParameter("@customerId", customerId);
        foreach (var doc in await _tasks.QueryAsync(byCustomer, customerId, cancellationToken).ConfigureAwait(false))
        {
            var (id, status, ttl) = ((string?)doc["id"], doc["status"], doc["ttl"]);
            var scrubbed = Erasure.Scrub(CosmosDocuments.ToRecord<HumanTask>(doc));
            var replacement = CosmosDocuments.ToDocument(scrubbed, id!);
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
            var entry = CosmosDocuments.ToRecord<Engine.Delivery.LedgerEntry>(doc);
            if (!ReferenceEquals(Erasure.Scrub(entry), entry))
            {
                await _ledger.UpdateAsync(entry.Key, current => Erasure.Scrub(current) is var next && !ReferenceEquals(next, current) ? next : null, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
