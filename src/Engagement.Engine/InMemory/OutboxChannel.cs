using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;

namespace Engagement.Engine.InMemory;

/// <summary>A channel that keeps every message it is given (the simulator's and the tests' outbox). Never fails.</summary>
public sealed class OutboxChannel(string channel, List<OutboundMessage> outbox) : IChannelSender
{
    /// <inheritdoc/>
    public string Channel { get; } = channel;

    /// <inheritdoc/>
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        outbox.Add(message);
        return ValueTask.FromResult(SendResult.Ok("outbox-" + outbox.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
