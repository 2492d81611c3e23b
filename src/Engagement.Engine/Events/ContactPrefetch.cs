namespace Engagement.Engine.Events;

/// <summary>
/// Looks up, asynchronously and before parsing, the contacts an input names (<see cref="IngestBatch.ContactsNamed"/>,
/// <see cref="Integrations.SegmentReader.ContactsNamed"/>), and answers the parser's synchronous <see cref="CustomerByContact"/>
/// from the results: no sync-over-async. Each distinct contact is looked up once.
/// </summary>
public static class ContactPrefetch
{
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
        var found = new Dictionary<(string, string), IReadOnlyList<string>>();
        ContactIndexUnavailableException? unavailable = null;
        foreach (var contact in wanted)
        {
            if (unavailable is not null || found.ContainsKey(contact))
            {
                continue;
            }

            try
            {
                found[contact] = await directory.FindAsync(contact.Kind, contact.Value, cancellationToken).ConfigureAwait(false);
            }
            catch (ContactIndexUnavailableException ex)
            {
                unavailable = ex;
            }
        }

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
