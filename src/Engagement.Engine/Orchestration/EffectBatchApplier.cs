using Engagement.Engine.Catalog;
using Engagement.Engine.Effects;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;

namespace Engagement.Engine.Orchestration;

/// <summary>
/// The body of the <see cref="JourneyActivities.ApplyEffects"/> activity, host-neutral: saves the enrollment state the
/// orchestration reached (so the event router sees it; an enrollment that exited for an erasure is saved scrubbed by
/// <see cref="Erasure.Scrub(Journeys.Runtime.EnrollmentState)"/>), then carries out the batch's effects through the same
/// <see cref="EffectRun"/> the embedded engine uses — sends through the delivery guards, tasks, profile updates, emitted events,
/// timeline entries. Timers are the orchestration's own (<see cref="IWakeUpScheduler"/> may be a no-op in Azure). A retried
/// batch never sends twice (ledger keys), never creates a task twice (task keys) and emits the same event ids (deduplicated by
/// the inbox); only timeline entries may repeat.
/// </summary>
public sealed class EffectBatchApplier
{
    private readonly JourneyCatalog _catalog;
    private readonly EnginePorts _ports;
    private readonly IDelivery _delivery;

    /// <summary>Creates the applier.</summary>
    public EffectBatchApplier(JourneyCatalog catalog, EnginePorts ports, IDelivery delivery)
    {
        _catalog = catalog;
        _ports = ports;
        _delivery = delivery;
    }

    /// <summary>Applies the batch; true when done (the orchestration awaits the answer).</summary>
    public async ValueTask<bool> ApplyAsync(EffectBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var state = batch.State;
        var definition = _catalog.Get(state.JourneyId, state.JourneyVersion);
        await _ports.Enrollments.SaveAsync(Erasure.IsErased(state) ? Erasure.Scrub(state) : state, cancellationToken).ConfigureAwait(false);
        var run = new EffectRun(_catalog, _ports, _delivery, state.CustomerId, batch.At, cancellationToken)
        {
            Profile = await _ports.Profiles.GetAsync(state.CustomerId, cancellationToken).ConfigureAwait(false) ?? new CustomerProfile { CustomerId = state.CustomerId },
        };
        foreach (var effect in batch.Effects)
        {
            await run.ApplyAsync(definition, state, effect).ConfigureAwait(false);
        }

        await run.FlushAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The body of the <see cref="JourneyActivities.LoadProfile"/> activity: the profile as the core sees it, or null.</summary>
    public async ValueTask<Journeys.Runtime.ProfileSnapshot?> LoadProfileAsync(string customerId, CancellationToken cancellationToken = default) =>
        (await _ports.Profiles.GetAsync(customerId, cancellationToken).ConfigureAwait(false))?.ToSnapshot();
}
