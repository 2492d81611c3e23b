using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Azure.NotificationHubs;
using Microsoft.Azure.NotificationHubs.Messaging;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Engagement.Functions.Channels;

/// <summary>
/// Not compiled by the test command (needs Microsoft.Azure.NotificationHubs, not served there: functions/API-CHECKS.md).
/// Push through Azure Notification Hubs as a direct send to the device token (FCM v1 payload: the profile's push tokens are
/// FCM registration tokens). The hub connection string has the Send right only. Never logs the token, title or body.
/// </summary>
public sealed class NotificationHubsPushSender(NotificationHubClient hub, ILogger<NotificationHubsPushSender> logger) : IChannelSender
{
    public string Channel => global::Engagement.Journeys.Channels.Channel.Push.Name;

    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var payload = new JObject
        {
            ["message"] = new JObject
            {
                ["notification"] = new JObject { ["title"] = message.Subject ?? string.Empty, ["body"] = message.Body },
                ["data"] = new JObject { ["ledgerKey"] = message.LedgerKey, ["journey"] = message.Journey },
            },
        };
        try
        {
            var outcome = await hub.SendDirectNotificationAsync(new FcmV1Notification(payload.ToString(Newtonsoft.Json.Formatting.None)), message.To, cancellationToken);
            return outcome.State == NotificationOutcomeState.NoTargetFound
                ? new SendResult(SendStatus.InvalidContact, Reason: "nh:no-target")
                : SendResult.Ok(outcome.NotificationId ?? outcome.TrackingId);
        }
        catch (MessagingException ex)
        {
            logger.LogWarning("Push for ledger key {LedgerKey} failed ({Kind}, transient: {Transient})", message.LedgerKey, ex.GetType().Name, ex.IsTransient);
            return new SendResult(ex.IsTransient ? SendStatus.TransientFailure : SendStatus.PermanentFailure, Reason: "nh:" + ex.GetType().Name);
        }
    }
}
