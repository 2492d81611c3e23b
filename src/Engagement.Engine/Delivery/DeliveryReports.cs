using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>
/// Provider delivery reports (ACS email Event Grid events, Twilio status callbacks) as customer events the router routes like
/// any other: <c>message.delivered</c>, <c>message.bounced</c>, <c>message.failed</c>, with <c>data</c> = { ledgerKey, channel,
/// provider, providerMessageId, status, reason }. Intermediate states (queued, sent, expanded) make no event. The event id is
/// deterministic (provider, message, status), so a repeated report is a duplicate. No contact details. Pure.
/// </summary>
public static class DeliveryReports
{
    /// <summary>The message reached the recipient.</summary>
    public const string Delivered = "message.delivered";
    /// <summary>The address or number rejected it (hard bounce, undeliverable number).</summary>
    public const string Bounced = "message.bounced";
    /// <summary>It failed for another reason (suppressed, quarantined, spam-filtered, provider failure).</summary>
    public const string Failed = "message.failed";

    /// <summary>The event type for an ACS email delivery status (<c>EmailDeliveryReportReceived.data.status</c>), or null.</summary>
    public static string? ForAcsEmail(string? status) => status switch
    {
        "Delivered" => Delivered,
        "Bounced" => Bounced,
        "Failed" or "Suppressed" or "Quarantined" or "FilteredSpam" => Failed,
        _ => null,
    };

    /// <summary>The event type for a Twilio <c>MessageStatus</c>, or null.</summary>
    public static string? ForTwilio(string? status) => status switch
    {
        "delivered" => Delivered,
        "undelivered" => Bounced,
        "failed" => Failed,
        _ => null,
    };

    /// <summary>The customer event for a report.</summary>
    public static CustomerEvent ToEvent(string eventType, string customerId, string ledgerKey, string channel, string provider, string providerMessageId,
        string status, Instant at, string? reason = null)
    {
        var data = Value.EmptyObject
            .With("ledgerKey", Value.FromString(ledgerKey))
            .With("channel", Value.FromString(channel))
            .With("provider", Value.FromString(provider))
            .With("providerMessageId", Value.FromString(providerMessageId))
            .With("status", Value.FromString(status));
        if (reason is not null)
        {
            data = data.With("reason", Value.FromString(reason));
        }

        return new CustomerEvent($"dr-{provider}-{providerMessageId}-{status}".ToLowerInvariant(), eventType, customerId, at, data);
    }
}
