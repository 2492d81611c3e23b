using Engagement.Engine.Orchestration;
using Engagement.Engine.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Engagement.Functions.Orchestration;

/// <summary>One orchestration per enrollment: the engine's <see cref="JourneyOrchestration"/> loop over the Durable context.</summary>
public sealed class JourneyOrchestrator(JourneyOrchestration orchestration)
{
    /// <summary>The orchestrator's function name (what the router starts).</summary>
    public const string Name = "JourneyOrchestrator";

    /// <summary>Runs the enrollment; the output is its exit reason (null while it continues as new).</summary>
    [Function(Name)]
    public async Task<string?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = DurablePayloads.Deserialize<JourneyOrchestrationInput>(context.GetInput<string>()
            ?? throw new InvalidOperationException($"instance {context.InstanceId} has no input"));
        var final = await orchestration.RunAsync(new DurableJourneyContext(context), input);
        return final?.ExitReason;
    }
}
