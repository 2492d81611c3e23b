using Engagement.Engine.Delivery;

namespace Engagement.Engine.Ports;

/// <summary>
/// Remembers which customer and ledger key a provider message id belongs to, for providers whose delivery reports carry only
/// their own id (ACS email: the operation id). Twilio needs none: its status callback URL carries the ledger key.
/// </summary>
public interface IDeliveryCorrelation
{
    /// <summary>Remembers a sent message.</summary>
    ValueTask RememberAsync(string provider, string providerMessageId, DeliveryCorrelation correlation, CancellationToken cancellationToken);

    /// <summary>The message's customer and ledger key, or null when unknown (sent by something else, or expired).</summary>
    ValueTask<DeliveryCorrelation?> FindAsync(string provider, string providerMessageId, CancellationToken cancellationToken);
}
