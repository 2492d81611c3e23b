using Engagement.Engine.Delivery;
using Engagement.Functions.Channels;
using Engagement.Functions.Hosting;
using Engagement.Functions.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using Twilio.Security;

namespace Engagement.Functions.Http;

/// <summary>
/// <c>POST /api/delivery/twilio?customerId=…&amp;ledgerKey=…</c>, Twilio's message status callback. The
/// <c>X-Twilio-Signature</c> is checked with Twilio's <see cref="RequestValidator"/> over the public URL Twilio called and the
/// form fields; unsigned or forged requests get 403. Final statuses become <c>message.delivered</c> / <c>message.bounced</c> /
/// <c>message.failed</c> events on the topic.
/// </summary>
public sealed class TwilioStatusFunction(EngagementSettings settings, ServiceBusEventPublisher publisher)
{
    /// <summary>Handles one status callback: 404 when SMS is not configured (no auth token), 403 when the signature does not
    /// check, otherwise 204. Only a final status with the customer id, ledger key and message SID present publishes an event;
    /// other statuses are acknowledged and dropped.</summary>
    [Function("TwilioStatus")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "delivery/twilio")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (settings.TwilioAuthToken is not { } authToken)
        {
            return new NotFoundResult();
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var url = new Uri(settings.PublicBaseUrl, "api/delivery/twilio" + request.QueryString.Value).AbsoluteUri;
        if (!new RequestValidator(authToken).Validate(url, fields, request.Headers["X-Twilio-Signature"].ToString()))
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }

        string? customerId = request.Query["customerId"];
        string? ledgerKey = request.Query["ledgerKey"];
        var status = fields.GetValueOrDefault("MessageStatus");
        if (customerId is null || ledgerKey is null || fields.GetValueOrDefault("MessageSid") is not { } sid || DeliveryReports.ForTwilio(status) is not { } type)
        {
            return new NoContentResult();
        }

        await publisher.PublishAsync(DeliveryReports.ToEvent(type, customerId, ledgerKey, global::Engagement.Journeys.Channels.Channel.Sms.Name, TwilioSmsSender.Provider, sid, status!,
            SystemClock.Instance.GetCurrentInstant(), fields.GetValueOrDefault("ErrorCode")), cancellationToken);
        return new NoContentResult();
    }
}
