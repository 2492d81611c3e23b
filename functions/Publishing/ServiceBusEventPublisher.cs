using Azure.Messaging.ServiceBus;
using Engagement.Engine.Events;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Functions.Publishing;

/// <summary>
/// Puts events on the lifecycle topic, where the Service Bus trigger routes them: events journeys emit, events the HTTP
/// endpoints accept, delivery reports, and sends deferred by quiet hours (scheduled for their due time). Every message has
/// <c>MessageId</c> = event id and <c>SessionId</c> = customer id, so one customer's events are routed in order, one at a time.
/// </summary>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender) : IEventPublisher, IDeferredSendQueue
{
    /// <summary>Sends the event to the topic now, as one JSON message keyed by event id and customer session.</summary>
    public async ValueTask PublishAsync(CustomerEvent customerEvent, CancellationToken cancellationToken) =>
        await sender.SendMessageAsync(ToMessage(customerEvent), cancellationToken);

    /// <summary>Schedules a deferred-send event for <paramref name="ledgerKey"/> on the topic, to be enqueued at
    /// <paramref name="dueAt"/>; when the router receives it, the delivery pipeline delivers the deferred send.</summary>
    public async ValueTask ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken ct) =>
        await sender.ScheduleMessageAsync(ToMessage(DeferredSends.Create(ledgerKey, customerId, dueAt)), dueAt.ToDateTimeOffset(), ct);

    /// <summary>Publishes several events (one message each, in order).</summary>
    public async ValueTask PublishAllAsync(IEnumerable<CustomerEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await PublishAsync(e, cancellationToken);
        }
    }

    private static ServiceBusMessage ToMessage(CustomerEvent e) => new(EventJson.Write(e))
    {
        MessageId = e.Id,
        SessionId = e.CustomerId,
        ContentType = "application/json",
        Subject = e.Type,
    };
}
