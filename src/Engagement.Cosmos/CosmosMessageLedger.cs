using System.Collections.Concurrent;
using System.Net;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Azure.Cosmos;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Cosmos;

/// <summary>
/// <see cref="IMessageLedger"/> on the <c>ledger</c> container: partition key <c>/customerId</c>, id = the encoded ledger key
/// (<see cref="CosmosIds"/>: keys hold '/').
/// <list type="bullet">
/// <item><see cref="TryReserveAsync"/>: one create; 409 Conflict → false. Exactly one of any number of concurrent
/// reservations of a key wins.</item>
/// <item><see cref="UpdateAsync(LedgerEntry, CancellationToken)"/>: a replace conditional on the ETag this instance last saw
/// for the key (from its reserve, read or update); a lost race throws <see cref="LedgerConflictException"/>. A key this
/// instance never saw is replaced unconditionally.</item>
/// <item><see cref="GetAsync"/>: one point read. The partition (customer) comes from this instance's memory, from the key
/// itself for erasure tombstones (<c>erased/customerId</c>), or else from the enrollment index by the key's first segment
/// (the enrollment id): one more point read, cached.</item>
/// <item><see cref="ListSentSinceAsync"/>: one single-partition query on <c>status</c> and <c>sentAtKey</c> (the send instant
/// with nine fraction digits, so text order is time order; composite index (status, sentAtKey)).</item>
/// </list>
/// Entries get <see cref="CosmosStoreOptions.LedgerEntryTtl"/> from their last write, except erasure tombstones. Thread-safe.
/// </summary>
public sealed class CosmosMessageLedger : IMessageLedger
{
    private const string ErasedPrefix = "erased/";
    private static readonly InstantPattern SortablePattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");

    private readonly CosmosDocuments _docs;
    private readonly EnrollmentIndex _index;
    private readonly CosmosStoreOptions _options;
    private readonly ConcurrentDictionary<string, (string CustomerId, string ETag)> _seen = new(StringComparer.Ordinal);

    internal CosmosMessageLedger(CosmosDocuments docs, EnrollmentIndex index, CosmosStoreOptions options)
    {
        _docs = docs;
        _index = index;
        _options = options;
    }

    /// <summary>The sortable text of an instant as stored in <c>sentAtKey</c>.</summary>
    public static string SortableText(Instant instant) => SortablePattern.Format(instant);

    /// <inheritdoc />
    public async ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var etag = await _docs.CreateAsync(ToDocument(entry), entry.CustomerId, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            return false;
        }

        Remember(entry.Key, entry.CustomerId, etag);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        string? ifMatch = _seen.TryGetValue(entry.Key, out var seen) && seen.CustomerId == entry.CustomerId ? seen.ETag : null;
        var (etag, status) = await _docs.ReplaceAsync(ToDocument(entry), CosmosIds.Encode(entry.Key), entry.CustomerId, ifMatch, cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case HttpStatusCode.PreconditionFailed:
                _seen.TryRemove(entry.Key, out _);
                throw new LedgerConflictException(entry.Key);
            case HttpStatusCode.NotFound:
                throw new KeyNotFoundException($"Ledger entry '{entry.Key}' does not exist: reserve it first.");
            default:
                Remember(entry.Key, entry.CustomerId, etag!);
                break;
        }
    }

    /// <summary>
    /// Read-modify-write with the retry rule for 412: reads the entry, applies <paramref name="change"/> (null: leave it), and
    /// writes it conditionally; when another writer got there first, reads again and re-applies, up to
    /// <paramref name="maxAttempts"/> times. Answers the stored entry, or null when the key does not exist.
    /// </summary>
    public async ValueTask<LedgerEntry?> UpdateAsync(string key, Func<LedgerEntry, LedgerEntry?> change, int maxAttempts = 5, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            if (change(current) is not { } next)
            {
                return current;
            }

            try
            {
                await UpdateAsync(next, cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (LedgerConflictException) when (attempt < maxAttempts)
            {
                // Someone else changed it: decide again from what is stored now.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await CustomerOfAsync(key, cancellationToken).ConfigureAwait(false) is not { } customerId
            || await _docs.ReadAsync(CosmosIds.Encode(key), customerId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        Remember(key, customerId, found.ETag);
        return _docs.Unpack<LedgerEntry>(found.Doc);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.customerId = @customerId AND c.status = @status AND c.sentAtKey >= @since")
            .WithParameter("@customerId", customerId)
            .WithParameter("@status", "sent")
            .WithParameter("@since", SortableText(since));
        var docs = await _docs.QueryAsync(query, customerId, cancellationToken).ConfigureAwait(false);
        return docs.Select(_docs.Unpack<LedgerEntry>)
            .OrderBy(e => e.SentAt)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
    }

    private Newtonsoft.Json.Linq.JObject ToDocument(LedgerEntry entry)
    {
        var doc = _docs.Pack(entry, CosmosIds.Encode(entry.Key));
        if (entry.SentAt is { } sentAt)
        {
            doc["sentAtKey"] = SortableText(sentAt);
        }

        if (_options.LedgerEntryTtl is { } ttl && entry.Status != LedgerStatus.Erased)
        {
            doc["ttl"] = CosmosStoreOptions.Seconds(ttl);
        }

        return doc;
    }

    private async ValueTask<string?> CustomerOfAsync(string key, CancellationToken ct)
    {
        if (_seen.TryGetValue(key, out var seen))
        {
            return seen.CustomerId;
        }

        if (key.StartsWith(ErasedPrefix, StringComparison.Ordinal))
        {
            return key[ErasedPrefix.Length..];
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? await _index.CustomerOfAsync(key[..slash], ct).ConfigureAwait(false) : null;
    }

    private void Remember(string key, string customerId, string etag)
    {
        if (_seen.Count >= _options.CacheEntries)
        {
            _seen.Clear();
        }

        _seen[key] = (customerId, etag);
    }
}
