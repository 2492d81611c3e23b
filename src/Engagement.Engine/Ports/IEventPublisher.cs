using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Ports;

/// <summary>Where events emitted by journeys go (back into the router, a Service Bus topic).</summary>
public interface IEventPublisher
{
    /// <summary>Publishes an event.</summary>
    ValueTask PublishAsync(CustomerEvent customerEvent, CancellationToken cancellationToken);
}
