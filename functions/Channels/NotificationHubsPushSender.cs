using System.Text.Json.Nodes;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Channels;

/// <summary>
/// Push through Azure Notification Hubs as a direct send to the device token (FCM v1 payload: the profile's push tokens are
/// FCM registration tokens; the call itself: <see cref="INotificationHubsTransport"/>). The hub connection string has the Send
/// right only. The ledger key rides in the payload's data, so a repeat can be recognised on the device. Never logs the token,
/// title or body.
/// </summary>
public sealed class NotificationHubsPushSender(INotificationHubsTransport hub, ILogger<NotificationHubsPushSender> logger) : IChannelSender
{
    /// <summary>Always <c>push</c>.</summary>
    public string Channel => global::Engagement.Journeys.Channels.Channel.Push.Name;

    /// <summary>The FCM v1 message: notification title and body, and data with the ledger key and journey.</summary>
    public static string Payload(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["notification"] = new JsonObject { ["title"] = message.Subject ?? string.Empty, ["body"] = message.Body },
                ["data"] = new JsonObject { ["ledgerKey"] = message.LedgerKey, ["journey"] = message.Journey },
            },
        }.ToJsonString();
    }

    /// <summary>Sends <see cref="Payload"/> directly to the message's device token. Answers Ok with the hub's notification id;
    /// <see cref="SendStatus.InvalidContact"/> when the hub found no such device; a transient or permanent failure (reason
    /// <c>nh:</c> and the exception kind) when the transport throws a <see cref="PushTransportException"/>.</summary>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var outcome = await hub.SendFcmV1Async(Payload(message), message.To, cancellationToken);
            return outcome.NoTargetFound ? new SendResult(SendStatus.InvalidContact, Reason: "nh:no-target") : SendResult.Ok(outcome.Id);
        }
        catch (PushTransportException ex)
        {
            logger.LogWarning("Push for ledger key {LedgerKey} failed ({Kind}, transient: {Transient})", message.LedgerKey, ex.Kind, ex.IsTransient);
            return new SendResult(ex.IsTransient ? SendStatus.TransientFailure : SendStatus.PermanentFailure, Reason: "nh:" + ex.Kind);
        }
    }
}
