using Engagement.Engine.Delivery;

namespace Engagement.Engine.Ports;

/// <summary>A delivery channel (outbox, SMTP, webhook, ACS, Twilio, Notification Hubs). Called only after the guards passed and the ledger key was reserved.</summary>
public interface IChannelSender
{
    /// <summary>The channel it serves: email, sms or push.</summary>
    string Channel { get; }

    /// <summary>Sends one message. Must not throw for provider failures: answer a <see cref="SendResult"/>.</summary>
    ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
