using Engagement.Engine.Orchestration;
using Engagement.Engine.Routing;
using Engagement.Engine.Serialization;
using Engagement.Functions.Orchestration;
using Engagement.Journeys.Runtime;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Engagement.Functions.Routing;

/// <summary>
/// The router's orchestration client over Durable's <see cref="DurableTaskClient"/>. Payloads cross as
/// <see cref="DurablePayloads"/> text. A start checks for the instance first: depending on the backend, scheduling an id that
/// exists may replace the instance (terminating a running one), which must never happen to an enrollment. One customer's
/// events are routed one at a time (sessions), so no second start for the same id can slip between the check and the start.
/// </summary>
public sealed class DurableOrchestrationClient(DurableTaskClient client) : IOrchestrationClient
{
    /// <summary>The Durable client underneath (terminate and purge on erasure: <see cref="DurableInstanceEraser"/>).</summary>
    public DurableTaskClient Durable => client;

    /// <summary>Schedules a new journey orchestration under <paramref name="instanceId"/>; false, and nothing scheduled, when an
    /// instance with that id exists in any state.</summary>
    public async ValueTask<bool> StartAsync(string instanceId, JourneyOrchestrationInput input, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(JourneyOrchestrator.Name, DurablePayloads.Serialize(input), new StartOrchestrationOptions(instanceId), cancellationToken);
        return true;
    }

    /// <summary>Raises <paramref name="payload"/> (serialized) to the instance as the external event <paramref name="eventName"/>.</summary>
    public async ValueTask RaiseAsync(string instanceId, string eventName, CustomerEvent payload, CancellationToken cancellationToken) =>
        await client.RaiseEventAsync(instanceId, eventName, DurablePayloads.Serialize(payload), cancellationToken);
}
