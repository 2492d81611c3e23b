namespace Engagement.Engine.Events;

/// <summary>
/// Looks up, asynchronously and before parsing, the contacts an input names (<see cref="IngestBatch.ContactsNamed"/>,
/// <see cref="Integrations.SegmentReader.ContactsNamed"/>), and answers the parser's synchronous <see cref="CustomerByContact"/>
/// from the results: no sync-over-async. Each distinct contact is looked up once, up to
/// <see cref="MaxConcurrentLookups"/> at a time.
/// </summary>
public static class ContactPrefetch
{
    /// <summary>How many lookups run at once for one input (a large NDJSON body naming many contacts).</summary>
    public const int MaxConcurrentLookups = 8;

    /// <summary>
    /// The resolver over the answers for <paramref name="wanted"/>, or null when nothing is wanted (then the parser's own rule
    /// applies: the id is required). A directory without an index makes every lookup of the resolver throw
    /// <see cref="ContactIndexUnavailableException"/>, which <see cref="ContactReference"/> turns into the input's reason.
    /// Asking the resolver for a contact not in <paramref name="wanted"/> throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static async ValueTask<CustomerByContact?> ResolveAsync(IContactDirectory directory, IEnumerable<(string Kind, string Value)> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(wanted);
        var distinct = wanted.Distinct().ToList();
        var found = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), IReadOnlyList<string>>();
        ContactIndexUnavailableException? unavailable = null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentLookups, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(distinct, options, async (contact, ct) =>
        {
            if (Volatile.Read(ref unavailable) is not null)
            {
                return;
            }

            try
            {
                found[contact] = await directory.FindAsync(contact.Kind, contact.Value, ct).ConfigureAwait(false);
            }
            catch (ContactIndexUnavailableException ex)
            {
                Interlocked.CompareExchange(ref unavailable, ex, null);
            }
        }).ConfigureAwait(false);

        if (unavailable is null && found.Count == 0)
        {
            return null;
        }

        return (kind, value) => unavailable is not null
            ? throw new ContactIndexUnavailableException(unavailable.Message, unavailable)
            : found.TryGetValue((kind, value), out var ids)
                ? ids
                : throw new InvalidOperationException($"a {kind} was not looked up before parsing (ContactPrefetch)");
    }
}
