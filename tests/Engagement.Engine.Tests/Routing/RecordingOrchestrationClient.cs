using Engagement.Engine.Orchestration;
using Engagement.Engine.Routing;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>An orchestration client that records what the router asked for; like Durable, a start of an existing id starts nothing.</summary>
internal sealed class RecordingOrchestrationClient : IOrchestrationClient
{
    public Dictionary<string, JourneyOrchestrationInput> Instances { get; } = new(StringComparer.Ordinal);

    public List<string> StartCalls { get; } = [];

    public List<(string InstanceId, string EventName, CustomerEvent Payload)> Raised { get; } = [];

    public ValueTask<bool> StartAsync(string instanceId, JourneyOrchestrationInput input, CancellationToken cancellationToken)
    {
        Assert.True(InstanceIds.IsValid(instanceId), $"'{instanceId}' is not a valid instance id");
        StartCalls.Add(instanceId);
        return ValueTask.FromResult(Instances.TryAdd(instanceId, input));
    }

    public ValueTask RaiseAsync(string instanceId, string eventName, CustomerEvent payload, CancellationToken cancellationToken)
    {
        Raised.Add((instanceId, eventName, payload));
        return ValueTask.CompletedTask;
    }
}
