using Engagement.Engine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Hosting;

/// <summary>Builds the event router around the Durable client of one function invocation (the client comes from its binding);
/// message bodies may be structured-mode CloudEvents, mapped with <c>Engagement:Integrations</c>; event times outside the
/// window of <c>Engagement:EventsNotBefore</c>/<c>…NotAfter</c>/<c>…MaxAhead</c> (against the time the message was enqueued)
/// are kept as rejected.</summary>
public sealed class RouterFactory(JourneyCatalog catalog, EnginePorts ports, IDelivery delivery, ILoggerFactory loggers, EngagementSettings? settings = null)
{
    /// <summary>How a CloudEvent message body maps to an engine event (the router's, and the erasure check's after it).</summary>
    public CloudEventMapping CloudEvents { get; } = settings?.Integrations.CloudEvents ?? CloudEventMapping.Default;

    /// <summary>The plausible event times.</summary>
    public EventTimeWindow Window { get; } = settings?.EventWindow ?? EventTimeWindow.Default;

    /// <summary>A new router over the shared catalog, ports and delivery that starts and raises orchestrations through
    /// <paramref name="client"/>; made once per function invocation.</summary>
    public EventRouter Create(IOrchestrationClient client) =>
        new(catalog, ports, client, EventRouterOptions.Default with { CloudEvents = CloudEvents, Window = Window }, loggers.CreateLogger<EventRouter>(), delivery);
}
