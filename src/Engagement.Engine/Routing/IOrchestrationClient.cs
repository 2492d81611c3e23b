using Engagement.Engine.Orchestration;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>The router's view of the durable orchestration client (Azure: Durable Functions' <c>DurableTaskClient</c>).</summary>
public interface IOrchestrationClient
{
    /// <summary>
    /// Starts the enrollment orchestration with the given instance id. Returns false, and starts nothing, when an instance with
    /// that id exists already (running or finished): a duplicate start is harmless.
    /// </summary>
    ValueTask<bool> StartAsync(string instanceId, JourneyOrchestrationInput input, CancellationToken cancellationToken);

    /// <summary>Raises an external event with a customer event payload to a running instance.</summary>
    ValueTask RaiseAsync(string instanceId, string eventName, CustomerEvent payload, CancellationToken cancellationToken);
}
