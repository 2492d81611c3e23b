using Azure.Messaging.ServiceBus;
using Engagement.Engine.Routing;
using Engagement.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Functions.Routing;

/// <summary>
/// The Service Bus trigger: one message at a time per session (= per customer, so a customer's events are applied in order),
/// routed by the engine's <see cref="EventRouter"/>, then settled by what it decided — completed, or dead-lettered with the
/// router's reason. Messages are settled here, not by the host (AutoCompleteMessages = false). A failure (a store or the
/// scheduler unavailable) abandons the message so Service Bus redelivers it; the router dead-letters it after too many tries.
/// </summary>
public sealed class RouteEventFunction(RouterFactory routers, ILogger<RouteEventFunction> logger)
{
    [Function("RouteEvent")]
    public async Task RunAsync(
        [ServiceBusTrigger("%ServiceBusTopicName%", "%ServiceBusSubscriptionName%", Connection = "ServiceBusConnection", IsSessionsEnabled = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var envelope = new BusMessage(message.MessageId, message.SessionId, message.Body.ToString(), message.DeliveryCount, Instant.FromDateTimeOffset(message.EnqueuedTime));
        RouteResult result;
        try
        {
            result = await routers.Create(new DurableOrchestrationClient(durable)).RouteAsync(envelope, SystemClock.Instance.GetCurrentInstant(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Routing message {MessageId} failed; abandoning it for redelivery", message.MessageId);
            await actions.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            throw;
        }

        if (result.Outcome == RouteOutcome.DeadLetter)
        {
            await actions.DeadLetterMessageAsync(message, deadLetterReason: result.ShortReason, deadLetterErrorDescription: result.Reason, cancellationToken: cancellationToken);
            return;
        }

        await actions.CompleteMessageAsync(message, cancellationToken);
    }
}
