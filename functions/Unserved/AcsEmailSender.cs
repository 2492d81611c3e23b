using Azure;
using Azure.Communication.Email;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Channels;

/// <summary>
/// Not compiled by the test command (needs Azure.Communication.Email, not served there: functions/API-CHECKS.md).
/// Email through Azure Communication Services, signed in with the app's managed identity. The send's operation id is derived
/// from the ledger key, so a retried provider call carries the same id, and the delivery report (which names only that id) is
/// matched back through <see cref="IDeliveryCorrelation"/>. <c>WaitUntil.Started</c>: the send is accepted, delivery arrives
/// later as an Event Grid report. Never logs the address, subject or body.
/// </summary>
public sealed class AcsEmailSender(EmailClient client, string senderAddress, IDeliveryCorrelation correlation, ILogger<AcsEmailSender> logger) : IChannelSender
{
    public string Channel => global::Engagement.Journeys.Channels.Channel.Email.Name;

    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var html = message.Body.TrimStart().StartsWith('<');
        var content = new EmailContent(message.Subject ?? message.Template) { Html = html ? message.Body : null, PlainText = html ? null : message.Body };
        var email = new EmailMessage(senderAddress: senderAddress, recipients: new EmailRecipients(new List<EmailAddress> { new(message.To) }), content: content);
        foreach (var (name, value) in message.Headers)
        {
            email.Headers.Add(name, value);
        }

        var operationId = AcsEmailOperations.OperationId(message.LedgerKey);
        var sent = new DeliveryCorrelation(message.CustomerId, message.LedgerKey, Channel);
        // Remembered before the call: if the worker dies after ACS accepted the send, the report still finds its ledger key.
        await correlation.RememberAsync(AcsEmailOperations.Provider, operationId.ToString(), sent, cancellationToken);
        try
        {
            var operation = await client.SendAsync(WaitUntil.Started, email, operationId, cancellationToken);
            if (!string.Equals(operation.Id, operationId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                await correlation.RememberAsync(AcsEmailOperations.Provider, operation.Id, sent, cancellationToken);
            }

            return SendResult.Ok(operation.Id);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("ACS email for ledger key {LedgerKey} failed: HTTP {Status} {Code}", message.LedgerKey, ex.Status, ex.ErrorCode);
            return ex.Status switch
            {
                409 => SendResult.Ok(operationId.ToString()), // this operation id was accepted before: the retry is the same send
                408 or 429 or >= 500 or 0 => new SendResult(SendStatus.TransientFailure, Reason: $"acs:{ex.Status}:{ex.ErrorCode}"),
                _ => new SendResult(SendStatus.PermanentFailure, Reason: $"acs:{ex.Status}:{ex.ErrorCode}"),
            };
        }
    }
}
