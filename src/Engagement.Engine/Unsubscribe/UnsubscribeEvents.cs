using System.Globalization;
using Engagement.Engine.Consent;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Unsubscribe;

/// <summary>
/// A signed unsubscribe link's token turned into the <c>customer.unsubscribed</c> event (<c>{ channel, source: "link" }</c>).
/// The event id is derived from the token, so clicking the link twice (or a mail client's one-click POST plus a visit) is a
/// duplicate, not two events. Pure.
/// </summary>
public static class UnsubscribeEvents
{
    /// <summary>The event for a valid token; false with <paramref name="reason"/> (malformed, tampered, expired) otherwise.</summary>
    public static bool TryCreate(UnsubscribeTokens tokens, string? token, Instant now, out CustomerEvent? customerEvent, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        customerEvent = null;
        if (!tokens.TryValidate(token, now, out var customerId, out var channel, out reason))
        {
            return false;
        }

        var id = "unsub-" + StableHash.Of(token!).ToString("x16", CultureInfo.InvariantCulture);
        var data = Value.EmptyObject.With("channel", Value.FromString(channel)).With("source", Value.FromString("link"));
        customerEvent = new CustomerEvent(id, ConsentEvents.Unsubscribed, customerId!, now, data);
        return true;
    }
}
