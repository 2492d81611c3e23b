using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Functions.Channels;
using Engagement.Functions.Publishing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// ACS email delivery reports (<c>Microsoft.Communication.EmailDeliveryReportReceived</c>) through an Event Grid subscription.
/// The report names only the operation id, which <see cref="IDeliveryCorrelation"/> maps back to the customer and ledger key;
/// final statuses become <c>message.*</c> events on the topic. The recipient address and the status details (which can quote
/// it) are never read, logged or forwarded.
/// </summary>
public sealed class EmailDeliveryReportFunction(IDeliveryCorrelation correlation, ServiceBusEventPublisher publisher, ILogger<EmailDeliveryReportFunction> logger)
{
    [Function("EmailDeliveryReport")]
    public async Task RunAsync([EventGridTrigger] EventGridEvent report, CancellationToken cancellationToken)
    {
        if (!report.TryGetSystemEventData(out var data) || data is not AcsEmailDeliveryReportReceivedEventData email || email.MessageId is null)
        {
            return;
        }

        var status = email.Status?.ToString();
        if (DeliveryReports.ForAcsEmail(status) is not { } type)
        {
            return;
        }

        if (await correlation.FindAsync(AcsEmailSender.Provider, email.MessageId, cancellationToken) is not { } sent)
        {
            logger.LogInformation("Email delivery report for unknown operation {OperationId} ignored", email.MessageId);
            return;
        }

        var at = email.DeliveryAttemptTimestamp is { } t ? Instant.FromDateTimeOffset(t) : Instant.FromDateTimeOffset(report.EventTime);
        await publisher.PublishAsync(DeliveryReports.ToEvent(type, sent.CustomerId, sent.LedgerKey, sent.Channel, AcsEmailSender.Provider, email.MessageId, status!, at), cancellationToken);
    }
}
