using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Engagement.Functions.Channels;

/// <summary>
/// SMS through Twilio with an instance client (no static <c>TwilioClient.Init</c>). The status callback URL carries the customer
/// id and ledger key (ids only), so the callback needs no lookup; Twilio signs it and the callback function checks the
/// signature. Twilio has no idempotency key for message creation: the ledger reservation before the call is what prevents a
/// second send. Never logs the number or the text.
/// </summary>
public sealed class TwilioSmsSender(ITwilioRestClient client, string fromNumber, Uri statusCallback, ILogger<TwilioSmsSender> logger) : IChannelSender
{
    /// <summary>The provider name delivery reports from Twilio's status callback carry.</summary>
    public const string Provider = "twilio";

    /// <summary>Always <c>sms</c>.</summary>
    public string Channel => global::Engagement.Journeys.Channels.Channel.Sms.Name;

    /// <summary>Creates the message through Twilio's REST API from the configured number, with a status callback URL that names the
    /// customer and ledger key. Answers Ok with the message SID; <see cref="SendStatus.InvalidContact"/> for Twilio error codes
    /// 21211, 21614 and 21610 (invalid, non-mobile or unsubscribed number); a transient failure on HTTP 429 or 5xx; a permanent
    /// failure otherwise (reason <c>twilio:</c> and the error code).</summary>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        // Built as text, not with UriBuilder: Twilio sends the URL as given (UriBuilder's adds ":443"), and signs what it sends.
        var callback = new Uri($"{statusCallback.GetLeftPart(UriPartial.Path)}?customerId={Uri.EscapeDataString(message.CustomerId)}&ledgerKey={Uri.EscapeDataString(message.LedgerKey)}");
        var options = new CreateMessageOptions(new PhoneNumber(message.To)) { From = new PhoneNumber(fromNumber), Body = message.Body, StatusCallback = callback };
        try
        {
            var sent = await MessageResource.CreateAsync(options, client);
            return SendResult.Ok(sent.Sid);
        }
        catch (ApiException ex)
        {
            logger.LogWarning("Twilio SMS for ledger key {LedgerKey} failed: HTTP {Status} code {Code}", message.LedgerKey, ex.Status, ex.Code);
            return ex switch
            {
                { Code: 21211 or 21614 or 21610 } => new SendResult(SendStatus.InvalidContact, Reason: $"twilio:{ex.Code}"),
                { Status: 429 or >= 500 } => new SendResult(SendStatus.TransientFailure, Reason: $"twilio:{ex.Code}"),
                _ => new SendResult(SendStatus.PermanentFailure, Reason: $"twilio:{ex.Code}"),
            };
        }
    }
}
