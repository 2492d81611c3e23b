using Engagement.Engine;
using Engagement.Engine.Effects;
using Engagement.Engine.Integrations;
using Engagement.Engine.Routing;
using Engagement.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Functions.Routing;

/// <summary>
/// The Service Bus trigger (Worker.Extensions.ServiceBus 5.7.0: the body as text and the message's metadata bound by name;
/// no message actions). One message at a time per session (= per customer, so a customer's events are applied in order),
/// routed by the engine's <see cref="EventRouter"/>. The host settles the message (host.json <c>autoCompleteMessages: true</c>;
/// 5.7.0's attribute has no per-trigger setting): returning normally completes it, an exception abandons it. So a router
/// dead-letter decision — the event is already stored as rejected with its reason (<c>IEventInbox.RejectAsync</c>) — returns
/// normally, and a failure (a store or the scheduler unavailable) throws, leaving redelivery and, after the subscription's
/// <c>maxDeliveryCount</c>, Service Bus's own dead-lettering to Service Bus. After a <c>customer.erased</c> event (routed, or a
/// duplicate of one whose purge may not have finished; an engine event line or a CloudEvent, read as the router reads it),
/// the customer's orchestration instances are terminated and purged (<see cref="DurableInstanceEraser"/>).
/// <c>IsBatched = false</c> is spelled out: 5.7.0's
/// attribute has no <c>[DefaultValue]</c> on it, and the Functions SDK's metadata generator (1.4.0) fails without it.
/// </summary>
public sealed class RouteEventFunction(RouterFactory routers, EnginePorts ports, ILogger<RouteEventFunction> logger)
{
    /// <summary>The function's name in the generated metadata.</summary>
    public const string Name = "RouteEvent";

    /// <summary>The trigger: binds the body and the message metadata (<c>MessageId</c>, <c>SessionId</c>, <c>DeliveryCount</c>, <c>EnqueuedTimeUtc</c>).</summary>
    [Function(Name)]
    public async Task RunAsync(
        [ServiceBusTrigger("%ServiceBusTopicName%", "%ServiceBusSubscriptionName%", Connection = "ServiceBusConnection", IsSessionsEnabled = true, IsBatched = false)]
        string body,
        string messageId,
        string? sessionId,
        int deliveryCount,
        DateTime enqueuedTimeUtc,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var enqueued = Instant.FromDateTimeUtc(DateTime.SpecifyKind(enqueuedTimeUtc, DateTimeKind.Utc));
        await RouteAsync(new BusMessage(messageId, sessionId, body, deliveryCount, enqueued), new DurableOrchestrationClient(durable), SystemClock.Instance.GetCurrentInstant(), cancellationToken);
    }

    /// <summary>
    /// Routes one message. Returns normally for every decision (routed, duplicate, stale, or dead-letter: the event is kept as
    /// rejected with its reason), so the host completes the message; throws when routing failed, so the host abandons it.
    /// </summary>
    public async Task<RouteResult> RouteAsync(BusMessage message, DurableOrchestrationClient client, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(client);
        var result = await routers.Create(client).RouteAsync(message, now, cancellationToken);
        if (result.Outcome == RouteOutcome.DeadLetter)
        {
            logger.LogWarning("Message {MessageId} rejected ({Field}); stored as a rejected event, completed", message.MessageId, result.ShortReason);
        }
        else if (result.Outcome is RouteOutcome.Routed or RouteOutcome.Duplicate
            && BusBody.TryParse(message.Body, routers.CloudEvents, message.EnqueuedTime, out var e, out _, out _) && e!.Type == Erasure.EventType)
        {
            var purged = await new DurableInstanceEraser(client.Durable).EraseAsync(e.CustomerId, ports.Enrollments, now, cancellationToken);
            logger.LogInformation("Erasure {EventId}: {Purged} orchestration instance(s) purged", e.Id, purged);
        }

        return result;
    }
}
