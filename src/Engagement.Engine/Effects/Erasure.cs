using Engagement.Engine.Delivery;
using NodaTime;

namespace Engagement.Engine.Effects;

/// <summary>What a <c>customer.erased</c> event leaves behind in both hosts. Pure.</summary>
public static class Erasure
{
    /// <summary>The event type that erases a customer.</summary>
    public const string EventType = "customer.erased";

    /// <summary>The exit reason of enrollments ended by an erasure.</summary>
    public const string ExitReason = "erased";

    /// <summary>The ledger tombstone that records the erasure (no personal data: the customer id and the event id only).</summary>
    public static LedgerEntry Tombstone(string customerId, string eventId, Instant now) => new()
    {
        Key = "erased/" + customerId, CustomerId = customerId, Journey = "-", Step = "erasure", Status = LedgerStatus.Erased,
        At = now, Reason = "erased:" + eventId,
    };
}
