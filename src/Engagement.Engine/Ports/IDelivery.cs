using Engagement.Engine.Delivery;
using NodaTime;

namespace Engagement.Engine.Ports;

/// <summary>The delivery guard pipeline as the driver sees it.</summary>
public interface IDelivery
{
    /// <summary>Judges and sends a batch: all sends for one customer at one instant (caps arbitrate by journey priority inside it).
    /// Records sent / suppressed / deferred / failed timeline entries itself.</summary>
    ValueTask DeliverAsync(IReadOnlyList<DeliveryRequest> batch, CancellationToken cancellationToken);

    /// <summary>A deferred send is due: judge it again and send it.</summary>
    ValueTask DeliverDeferredAsync(string ledgerKey, Instant now, CancellationToken cancellationToken);
}
