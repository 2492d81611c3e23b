using Azure;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Channels;

/// <summary>
/// Email through Azure Communication Services (the call itself: <see cref="IAcsEmailTransport"/>, signed in with the app's
/// managed identity). The send's operation id is derived from the ledger key, so a retried provider call carries the same id,
/// and the delivery report (which names only that id) is matched back through <see cref="IDeliveryCorrelation"/>, remembered
/// before the call. The send is accepted (<c>WaitUntil.Started</c>); delivery arrives later as an Event Grid report. Never logs
/// the address, subject or body.
/// </summary>
public sealed class AcsEmailSender(IAcsEmailTransport transport, IDeliveryCorrelation correlation, ILogger<AcsEmailSender> logger) : IChannelSender
{
    /// <summary>Always <c>email</c>.</summary>
    public string Channel => global::Engagement.Journeys.Channels.Channel.Email.Name;

    /// <summary>Remembers the correlation for the operation id derived from the ledger key, then asks ACS to start the send.
    /// Answers Ok with the ACS operation id once accepted (also on HTTP 409: that operation id was accepted before, so this is a
    /// retry of the same send); a transient failure on HTTP 408, 429, 5xx or no response; a permanent failure otherwise. Provider
    /// failures never throw.</summary>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var operationId = AcsEmailOperations.OperationId(message.LedgerKey);
        var sent = new DeliveryCorrelation(message.CustomerId, message.LedgerKey, Channel);
        // Remembered before the call: if the worker dies after ACS accepted the send, the report still finds its ledger key.
        await correlation.RememberAsync(AcsEmailOperations.Provider, operationId.ToString(), sent, cancellationToken);
        try
        {
            var id = await transport.SendAsync(AcsEmail.From(message), operationId, cancellationToken);
            if (!string.Equals(id, operationId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                await correlation.RememberAsync(AcsEmailOperations.Provider, id, sent, cancellationToken);
            }

            return SendResult.Ok(id);
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
