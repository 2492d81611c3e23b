namespace Engagement.Engine.Routing;

/// <summary>Options of the event router. Immutable.</summary>
/// <param name="MaxDeliveryCount">A message delivered more often than this is dead-lettered as poison (keep it below the
/// subscription's own <c>maxDeliveryCount</c>, 10 in infra/, so the router records why).</param>
/// <param name="Source">The source name kept with rejected inputs.</param>
public sealed record EventRouterOptions(int MaxDeliveryCount = 5, string Source = "servicebus")
{
    /// <summary>How a message body that is a structured-mode CloudEvent maps to an engine event.</summary>
    public Integrations.CloudEventMapping CloudEvents { get; init; } = Integrations.CloudEventMapping.Default;

    /// <summary>The plausible event times, checked against the time Service Bus received the message (its enqueued time, so a
    /// redelivery gets the same decision); null checks nothing. The engine's own deferred-send events are not checked: their
    /// time is the due time they are scheduled for.</summary>
    public Events.EventTimeWindow? Window { get; init; }

    /// <summary>The defaults.</summary>
    public static EventRouterOptions Default { get; } = new();
}
