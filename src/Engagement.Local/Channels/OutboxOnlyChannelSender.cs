using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;

namespace Engagement.Local.Channels;

/// <summary>
/// The default <c>outbox</c> transport: every message is answered <see cref="SendStatus.Sent"/> with provider id
/// <see cref="ProviderId"/> and nothing leaves the machine. The message itself stays in the SQLite outbox, where
/// <c>engage outbox</c> lists it. Thread-safe.
/// </summary>
/// <param name="channel">email, sms or push.</param>
public sealed class OutboxOnlyChannelSender(string channel) : IChannelSender
{
    /// <summary>The provider id of every message this transport accepts.</summary>
    public const string ProviderId = "outbox";

    private static readonly ValueTask<SendResult> Accepted = ValueTask.FromResult(SendResult.Ok(ProviderId));

    /// <inheritdoc/>
    public string Channel { get; } = channel;

    /// <inheritdoc/>
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        return Accepted;
    }
}
