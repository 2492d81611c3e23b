using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Communication.Email;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Channels;

/// <summary>
/// Email through Azure Communication Services, signed in with the app's managed identity. The send's operation id is derived
/// from the ledger key, so a retried provider call carries the same id, and the delivery report (which names only that id) is
/// matched back through <see cref="IDeliveryCorrelation"/>. <c>WaitUntil.Started</c>: the send is accepted, delivery arrives
/// later as an Event Grid report. Never logs the address, subject or body.
/// </summary>
public sealed class AcsEmailSender(EmailClient client, string senderAddress, IDeliveryCorrelation correlation, ILogger<AcsEmailSender> logger) : IChannelSender
{
    public const string Provider = "acs";

    public string Channel => "email";

    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var html = message.Body.TrimStart().StartsWith('<');
        var content = new EmailContent(message.Subject ?? message.Template) { Html = html ? message.Body : null, PlainText = html ? null : message.Body };
        var email = new EmailMessage(senderAddress: senderAddress, recipients: new EmailRecipients(new List<EmailAddress> { new(message.To) }), content: content);
        foreach (var (name, value) in message.Headers)
        {
            email.Headers.Add(name, value);
        }

        var operationId = OperationId(message.LedgerKey);
        try
        {
            var operation = await client.SendAsync(WaitUntil.Started, email, operationId, cancellationToken);
            await correlation.RememberAsync(Provider, operation.Id, new DeliveryCorrelation(message.CustomerId, message.LedgerKey, Channel), cancellationToken);
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

    /// <summary>A name-based UUID (version 5 layout, SHA-256) of the ledger key: the same send always has the same operation id.</summary>
    public static Guid OperationId(string ledgerKey)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("engagement-email/" + ledgerKey)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
