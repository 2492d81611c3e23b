using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;

namespace Engagement.Functions.Tests.Channels;

/// <summary>Delivery correlations in a dictionary, for the ACS sender and delivery-report tests (the Cosmos one is tested in
/// Engagement.Cosmos.Tests).</summary>
internal sealed class MemoryDeliveryCorrelation : IDeliveryCorrelation
{
    private readonly Dictionary<(string, string), DeliveryCorrelation> _known = [];

    public ValueTask RememberAsync(string provider, string providerMessageId, DeliveryCorrelation correlation, CancellationToken cancellationToken)
    {
        _known[(provider, providerMessageId)] = correlation;
        return ValueTask.CompletedTask;
    }

    public ValueTask<DeliveryCorrelation?> FindAsync(string provider, string providerMessageId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_known.GetValueOrDefault((provider, providerMessageId)));
}
