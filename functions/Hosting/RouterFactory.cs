using Engagement.Engine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Hosting;

/// <summary>Builds the event router around the Durable client of one function invocation (the client comes from its binding).</summary>
public sealed class RouterFactory(JourneyCatalog catalog, EnginePorts ports, IDelivery delivery, ILoggerFactory loggers)
{
    public EventRouter Create(IOrchestrationClient client) =>
        new(catalog, ports, client, EventRouterOptions.Default, loggers.CreateLogger<EventRouter>(), delivery);
}
