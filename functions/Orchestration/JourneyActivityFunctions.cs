using Engagement.Engine.Orchestration;
using Engagement.Engine.Serialization;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions.Orchestration;

/// <summary>The journey loop's activities, each a call into the engine's <see cref="EffectBatchApplier"/>. Inputs and outputs are <see cref="DurablePayloads"/> text.</summary>
public sealed class JourneyActivityFunctions(EffectBatchApplier applier)
{
    /// <summary>The <see cref="JourneyActivities.LoadProfile"/> activity: input the customer id, output the profile snapshot
    /// (<c>null</c> when the customer is gone), both as <see cref="DurablePayloads"/> text.</summary>
    [Function(JourneyActivities.LoadProfile)]
    public async Task<string> LoadProfileAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        DurablePayloads.Serialize(await applier.LoadProfileAsync(DurablePayloads.Deserialize<string>(input), cancellationToken));

    /// <summary>The <see cref="JourneyActivities.ApplyEffects"/> activity: input an <see cref="EffectBatch"/>, output
    /// <c>true</c> once applied, both as <see cref="DurablePayloads"/> text. Safe to retry (see <see cref="EffectBatchApplier"/>).</summary>
    [Function(JourneyActivities.ApplyEffects)]
    public async Task<string> ApplyEffectsAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        DurablePayloads.Serialize(await applier.ApplyAsync(DurablePayloads.Deserialize<EffectBatch>(input), cancellationToken));
}
