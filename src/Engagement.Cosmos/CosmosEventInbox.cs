using Engagement.Engine.Events;
using Engagement.Engine.Ports;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IEventInbox"/> on two containers.
/// <list type="bullet">
/// <item><c>events</c> (partition key <c>/id</c>, id = the encoded event id, container TTL
/// <see cref="CosmosStoreOptions.ProcessedEventTtl"/>): <see cref="IsProcessedAsync"/> is one point read,
/// <see cref="TryMarkProcessedAsync"/> one create of a tiny item (409 Conflict → marked before). The port gives only the event
/// id, hence the partition key.</item>
/// <item><c>rejected</c> (partition key <c>/day</c>, the UTC arrival day <c>yyyy-MM-dd</c>, because a rejected input may have
/// no usable customer id; TTL <see cref="CosmosStoreOptions.RejectedEventTtl"/>, default kept): one create per rejection,
/// the record as stored by <see cref="RejectedEvent"/> (the raw text may hold personal data: stored, never logged). Entries in
/// <c>rejectedIndex</c> (partition key <c>/customerId</c>, written before the item) point at it, so erasure reaches it:
/// <list type="bullet">
/// <item>when the raw text parses far enough to name a customer (<see cref="RejectedCustomer.Of"/>), the item keeps that
/// <c>customerId</c> and an entry <c>{id, customerId, day}</c> sits in the customer's partition;</item>
/// <item>when it names a contact (<see cref="RejectedContact.Of"/>: <c>data.email</c>, <c>data.phone</c>, <c>traits.*</c>,
/// <c>context.traits.*</c>, the first one) and the stores have a key, an entry <c>{id, customerId, day, contact}</c> sits in the
/// partition <see cref="ContactPartition"/> (<c>contact:</c> + the contact's blind index entry, the hash the profile's
/// <c>contactKeys</c> and the <c>contacts</c> container use; <c>contact</c> = that hash, which tells it from a customer's entry).
/// No contact in plain text is written. A line may have both entries, as the embedded host keeps both its
/// <c>customer_id</c> and <c>contact</c>.</item>
/// </list>
/// Without a key no entry by contact is written: such a line is reached only by its customer id, or expires.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class CosmosEventInbox : IEventInbox
{
    private readonly CosmosDocuments _events;
    private readonly CosmosDocuments _rejected;
    private readonly CosmosDocuments _rejectedIndex;
    private readonly ContactIndex? _contacts;

    internal CosmosEventInbox(CosmosDocuments events, CosmosDocuments rejected, CosmosDocuments rejectedIndex, ContactIndex? contacts = null)
    {
        _events = events;
        _rejected = rejected;
        _rejectedIndex = rejectedIndex;
        _contacts = contacts;
    }

    /// <summary>The <c>rejectedIndex</c> partition of the lines that name a contact, by its blind index entry.</summary>
    internal static string ContactPartition(string contactKey) => "contact:" + contactKey;

    /// <inheritdoc />
    public async ValueTask<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Encode(eventId);
        return await _events.ReadAsync(id, id, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Encode(eventId);
        return await _events.CreateAsync(new JObject { ["id"] = id, ["eventId"] = eventId }, id, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public async ValueTask RejectAsync(RejectedEvent rejected, CancellationToken cancellationToken)
    {
        var day = DayOf(rejected);
        var id = Guid.NewGuid().ToString("N");
        var doc = _rejected.Pack(rejected, id);
        doc["day"] = day;
        // The index entries first: a failure in between leaves an entry pointing at nothing, never an unreachable item.
        if (RejectedCustomer.Of(rejected.Raw) is { } customerId)
        {
            await _rejectedIndex.UpsertAsync(new JObject { ["id"] = id, ["customerId"] = customerId, ["day"] = day }, customerId, cancellationToken).ConfigureAwait(false);
            doc["customerId"] = customerId;
        }

        if (_contacts?.KeyOfRejected(rejected.Raw) is { } contact)
        {
            var partition = ContactPartition(contact);
            await _rejectedIndex.UpsertAsync(new JObject { ["id"] = id, ["customerId"] = partition, ["day"] = day, ["contact"] = contact }, partition, cancellationToken).ConfigureAwait(false);
        }

        await _rejected.CreateAsync(doc, day, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The inputs rejected on one UTC day (<c>yyyy-MM-dd</c>), in arrival order. One single-partition query.</summary>
    public async ValueTask<IReadOnlyList<RejectedEvent>> ListRejectedAsync(string day, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.day = @day").WithParameter("@day", day);
        var docs = await _rejected.QueryAsync(query, day, cancellationToken).ConfigureAwait(false);
        return docs.Select(d => { d.Remove("day"); d.Remove("customerId"); return _rejected.Unpack<RejectedEvent>(d); })
            .OrderBy(r => r.ReceivedAt)
            .ToList();
    }

    /// <summary>The partition key of a rejected input: its UTC arrival day.</summary>
    public static string DayOf(RejectedEvent rejected) =>
        rejected.ReceivedAt.InUtc().Date.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture);
}
