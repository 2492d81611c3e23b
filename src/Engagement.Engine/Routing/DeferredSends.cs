using System.Globalization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Routing;

/// <summary>
/// A send deferred by quiet hours, coming due, as an engine event on the customer's own session (so it is ordered with the
/// customer's other events): type <see cref="EventType"/>, <c>data.ledgerKey</c>. The orchestrated host publishes it scheduled
/// for the due time (Service Bus scheduled messages); the router hands it to <c>IDelivery.DeliverDeferredAsync</c>, which
/// judges the send again and ignores keys that are no longer deferred. Pure.
/// </summary>
public static class DeferredSends
{
    /// <summary>The reserved event type.</summary>
    public const string EventType = "engagement.deferred-send";

    /// <summary>The event for a deferred send due at <paramref name="dueAt"/>; its id is stable per (key, due time).</summary>
    public static CustomerEvent Create(string ledgerKey, string customerId, Instant dueAt) =>
        new($"deferred-{StableHash.Of(ledgerKey, InstantText.Format(dueAt)).ToString("x16", CultureInfo.InvariantCulture)}", EventType, customerId, dueAt,
            Value.EmptyObject.With("ledgerKey", Value.FromString(ledgerKey)));

    /// <summary>The ledger key of a deferred-send event, or null when it is not one (or has none).</summary>
    public static string? LedgerKey(CustomerEvent customerEvent) =>
        customerEvent.Type == EventType ? customerEvent.Data["ledgerKey"].AsString() : null;
}
