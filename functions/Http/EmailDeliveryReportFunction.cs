using Azure.Messaging.EventGrid.SystemEvents;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Functions.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>/api/delivery/acs</c>: ACS email delivery reports (<c>Microsoft.Communication.EmailDeliveryReportReceived</c>) through an
/// Event Grid webhook subscription (function key in the URL). Answers both handshakes: the Event Grid schema's
/// <c>SubscriptionValidationEvent</c> (echoes the validation code) and the CloudEvents abuse-protection <c>OPTIONS</c> request
/// (echoes <c>WebHook-Request-Origin</c>). A report names only the operation id, which <see cref="IDeliveryCorrelation"/> maps
/// back to the customer and ledger key; final statuses become <c>message.*</c> events on the topic. The recipient address and
/// the status details (which can quote it) are never read, logged or forwarded.
/// </summary>
public sealed class EmailDeliveryReportFunction(IDeliveryCorrelation correlation, IEventPublisher publisher, ILogger<EmailDeliveryReportFunction> logger)
{
    /// <summary>The function's name in the generated metadata.</summary>
    public const string Name = "EmailDeliveryReport";

    /// <summary>The HTTP trigger.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = "delivery/acs")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsOptions(request.Method))
        {
            return WebhookValidation.Answer(request);
        }

        var body = await BinaryData.FromStreamAsync(request.Body, cancellationToken);
        if (!GridEventParser.TryParse(body, out var events, out var error))
        {
            return new BadRequestObjectResult(new { error });
        }

        foreach (var e in events)
        {
            if (e.Data is SubscriptionValidationEventData validation)
            {
                return new OkObjectResult(new { validationResponse = validation.ValidationCode });
            }
        }

        var published = 0;
        foreach (var e in events)
        {
            published += await HandleAsync(e, cancellationToken) ? 1 : 0;
        }

        return new OkObjectResult(new { received = events.Count, published });
    }

    /// <summary>Publishes the delivery event for one report; false when it is not a final email report of a send this app made.</summary>
    public async Task<bool> HandleAsync(GridEvent report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Data is not AcsEmailDeliveryReportReceivedEventData { MessageId: { } operationId } email)
        {
            return false;
        }

        var status = email.Status?.ToString();
        if (DeliveryReports.ForAcsEmail(status) is not { } type)
        {
            return false;
        }

        if (await correlation.FindAsync(AcsEmailOperations.Provider, operationId, cancellationToken) is not { } sent)
        {
            logger.LogInformation("Email delivery report for unknown operation {OperationId} ignored", operationId);
            return false;
        }

        var at = Instant.FromDateTimeOffset(email.DeliveryAttemptTimestamp ?? report.Time);
        await publisher.PublishAsync(DeliveryReports.ToEvent(type, sent.CustomerId, sent.LedgerKey, sent.Channel, AcsEmailOperations.Provider, operationId, status!, at), cancellationToken);
        return true;
    }
}
