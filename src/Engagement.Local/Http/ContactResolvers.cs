using Engagement.Engine.Events;
using Engagement.Local.Hosting;

namespace Engagement.Local.Http;

/// <summary>The host's blind-index lookup as the <see cref="CustomerByContact"/> the event and Segment readers take (null for a host
/// without one, which keeps the old rule: the customer's id is required).</summary>
internal static class ContactResolvers
{
    public static CustomerByContact? For(IEmbeddedHost host) => host is IContactLookup lookup ? (kind, value) => Find(lookup, kind, value) : null;

    private static IReadOnlyList<string> Find(IContactLookup lookup, string kind, string value)
    {
        var found = lookup.FindCustomersAsync(kind, value, CancellationToken.None);
        return found.IsCompletedSuccessfully ? found.Result : found.AsTask().GetAwaiter().GetResult();
    }
}
