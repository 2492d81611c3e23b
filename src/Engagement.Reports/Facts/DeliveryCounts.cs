namespace Engagement.Reports.Facts;

/// <summary>
/// What providers reported about the messages one step sent: distinct messages (ledger keys) with a <c>message.delivered</c>,
/// <c>message.opened</c>, <c>message.clicked</c> or <c>message.bounced</c> event in the period. Only a serve database has
/// them (its inbox keeps the delivery reports); a simulation has none. Immutable.
/// </summary>
/// <param name="Delivered">Messages reported delivered.</param>
/// <param name="Opened">Messages reported opened.</param>
/// <param name="Clicked">Messages reported clicked.</param>
/// <param name="Bounced">Messages reported bounced.</param>
public sealed record DeliveryCounts(long Delivered, long Opened, long Clicked, long Bounced)
{
    /// <summary>The event types counted, in column order.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = ["message.delivered", "message.opened", "message.clicked", "message.bounced"];

    /// <summary>Counts from (event type → distinct messages).</summary>
    public static DeliveryCounts From(IReadOnlyDictionary<string, long> byType) => new(
        byType.GetValueOrDefault(EventTypes[0]), byType.GetValueOrDefault(EventTypes[1]), byType.GetValueOrDefault(EventTypes[2]), byType.GetValueOrDefault(EventTypes[3]));
}
