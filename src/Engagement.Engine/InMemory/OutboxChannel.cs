using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;

namespace Engagement.Engine.InMemory;

/// <summary>A channel that accepts every message and keeps it in <paramref name="outbox"/> (or only counts it when null). Never fails.</summary>
public sealed class OutboxChannel(string channel, List<OutboundMessage>? outbox) : IChannelSender
{
    private int _count;

    /// <inheritdoc/>
    public string Channel { get; } = channel;

    /// <summary>Messages accepted.</summary>
    public int Count => _count;

    /// <inheritdoc/>
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        outbox?.Add(message);
        return ValueTask.FromResult(SendResult.Ok(Channel + "-" + (++_count).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
