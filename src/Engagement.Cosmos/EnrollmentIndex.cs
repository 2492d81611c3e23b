using System.Collections.Concurrent;
using Engagement.Journeys.Runtime;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Cosmos;

/// <summary>
/// The <c>enrollmentIndex</c> container (partition key <c>/id</c>): enrollment id → customer id. An enrollment id does not
/// reliably contain its customer id (<see cref="EnrollmentIds"/> sanitizes and truncates it), yet wake-ups and deferred
/// sends arrive with only an enrollment id or a ledger key (<c>enrollmentId/step/occurrence</c>), and every other container
/// is partitioned by customer. One point read (cached per instance) turns the id into the partition key. Thread-safe.
/// </summary>
internal sealed class EnrollmentIndex(CosmosDocuments docs, CosmosStoreOptions options)
{
    private readonly ConcurrentDictionary<string, string> _customerOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Instant> _indexedGeneration = new(StringComparer.Ordinal);

    /// <summary>The customer of an enrollment, or null when the index does not know it (never saved, or expired).</summary>
    public async ValueTask<string?> CustomerOfAsync(string enrollmentId, CancellationToken ct)
    {
        if (_customerOf.TryGetValue(enrollmentId, out var customerId))
        {
            return customerId;
        }

        var id = CosmosIds.Encode(enrollmentId);
        if (await docs.ReadAsync(id, id, ct).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        customerId = (string)entry.Doc["customerId"]!;
        Remember(_customerOf, enrollmentId, customerId);
        return customerId;
    }

    /// <summary>
    /// Called before the enrollment itself is written. Writes the index entry the first time this instance sees an enrollment
    /// generation (same id and entry instant: a re-entry after an exit is a new generation and clears the entry's TTL), and
    /// whenever the enrollment exits (then with <paramref name="exitTtlSeconds"/>, so the index shrinks with the enrollments).
    /// </summary>
    public async ValueTask BeforeSaveAsync(EnrollmentState state, int? exitTtlSeconds, CancellationToken ct)
    {
        Remember(_customerOf, state.EnrollmentId, state.CustomerId);
        var exited = exitTtlSeconds is not null;
        if (!exited && _indexedGeneration.TryGetValue(state.EnrollmentId, out var generation) && generation == state.EnteredAt)
        {
            return;
        }

        var id = CosmosIds.Encode(state.EnrollmentId);
        var entry = new JObject { ["id"] = id, ["customerId"] = state.CustomerId, ["enrollmentId"] = state.EnrollmentId };
        if (exitTtlSeconds is { } seconds)
        {
            entry["ttl"] = seconds;
        }

        await docs.UpsertAsync(entry, id, ct).ConfigureAwait(false);
        if (exited)
        {
            _indexedGeneration.TryRemove(state.EnrollmentId, out _);
        }
        else
        {
            Remember(_indexedGeneration, state.EnrollmentId, state.EnteredAt);
        }
    }

    private void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= options.CacheEntries)
        {
            cache.Clear();
        }

        cache[key] = value;
    }
}
