using Engagement.Engine.Catalog;
using Engagement.Engine.Effects;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Routing;
using Engagement.Journeys.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Engagement.Engine;

/// <summary>
/// The host-neutral engine: routes events by <see cref="RoutingPlanner"/> (rules <see cref="RoutingRules.Embedded"/>) and
/// wake-ups through the pure interpreter, and carries out its effects through the ports. Hosts call it one stimulus at a time per
/// customer; every effect is idempotent by its key, so a retried stimulus never sends twice. An event is marked processed in
/// the inbox only after its work succeeded: an event handled again after a failure midway redoes the work (the profile change
/// once, by <see cref="ProfileEvents.ApplyOnce(CustomerProfile?, CustomerEvent)"/>; enrollment states are saved after their effects, see <see cref="EffectRun"/>).
/// </summary>
public sealed class EngagementEngine
{
    private readonly JourneyCatalog _catalog;
    private readonly EnginePorts _ports;
    private readonly IDelivery _delivery;
    private readonly ILogger _logger;

    /// <summary>Creates the engine.</summary>
    public EngagementEngine(JourneyCatalog catalog, EnginePorts ports, IDelivery delivery, ILogger? logger = null)
    {
        _catalog = catalog;
        _ports = ports;
        _delivery = delivery;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Handles one event at <paramref name="now"/>. False when the event id was processed before (a duplicate: nothing happens).
    /// When it throws, the event is not marked processed: handle it again.</summary>
    public async ValueTask<bool> HandleEventAsync(CustomerEvent e, Instant now, CancellationToken cancellationToken = default)
    {
        if (await _ports.Inbox.IsProcessedAsync(e.Id, cancellationToken).ConfigureAwait(false))
        {
            _logger.LogDebug("Duplicate event {EventId} ignored", e.Id);
            return false;
        }

        var run = NewRun(e.CustomerId, now, cancellationToken);
        var before = await _ports.Profiles.GetAsync(e.CustomerId, cancellationToken).ConfigureAwait(false);
        // Under the embedded rules routing reads only enrollments that have not exited (exits, deliveries to waiting ones).
        var plan = RoutingPlanner.Plan(e, before, await run.ActiveEnrollmentsAsync().ConfigureAwait(false), _catalog.Get, RoutingRules.Embedded);
        run.Profile = plan.Profile;
        if (plan.ProfileChanged)
        {
            await _ports.Profiles.SaveAsync(run.Profile, cancellationToken).ConfigureAwait(false);
        }

        foreach (var exit in plan.Exits)
        {
            await run.StepAsync(_catalog.Get(exit.State.JourneyId, exit.State.JourneyVersion), exit.State, new ExitRequested(now, exit.Reason)).ConfigureAwait(false);
        }

        if (plan.Kind == RoutingPlanKind.Erase)
        {
            await run.FlushAsync().ConfigureAwait(false);
            await ErasureSteps.ForgetAsync(_ports, e.CustomerId, e.Id, now, cancellationToken).ConfigureAwait(false);
            return await MarkProcessedAsync(e, cancellationToken).ConfigureAwait(false);
        }

        foreach (var state in plan.Deliveries)
        {
            await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new EventArrived(now, run.Snapshot, e)).ConfigureAwait(false);
        }

        foreach (var definition in _catalog.Latest)
        {
            var mine = definition.Trigger.Matches(e.Type) ? await run.EntryHistoryAsync(definition.Id).ConfigureAwait(false) : EntryHistory.Empty;
            if (RoutingPlanner.Start(definition, e, run.Snapshot, mine, RoutingRules.Embedded) is not { } start)
            {
                continue;
            }

            foreach (var old in start.ExitFirst)
            {
                await run.StepAsync(_catalog.Get(old.JourneyId, old.JourneyVersion), old, new ExitRequested(now, ExitReasons.Restarted)).ConfigureAwait(false);
            }

            await run.StepAsync(definition, start.Fresh, new EnrollmentStarted(now, run.Snapshot, e)).ConfigureAwait(false);
        }

        await run.FlushAsync().ConfigureAwait(false);
        return await MarkProcessedAsync(e, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles a due wake-up of an enrollment (stale ones do nothing).</summary>
    public async ValueTask HandleWakeUpAsync(string enrollmentId, Instant dueAt, Instant now, CancellationToken cancellationToken = default)
    {
        var state = await _ports.Enrollments.GetAsync(enrollmentId, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Status != EnrollmentStatus.Waiting || state.WakeAt != dueAt)
        {
            return;
        }

        var run = NewRun(state.CustomerId, now, cancellationToken);
        run.Profile = await _ports.Profiles.GetAsync(state.CustomerId, cancellationToken).ConfigureAwait(false) ?? new CustomerProfile { CustomerId = state.CustomerId };
        await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new TimerFired(now, run.Snapshot, dueAt)).ConfigureAwait(false);
        await run.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Marks the event processed now that its work is done (true even if a concurrent duplicate marked it first: the work is idempotent).</summary>
    private async ValueTask<bool> MarkProcessedAsync(CustomerEvent e, CancellationToken ct)
    {
        await _ports.Inbox.TryMarkProcessedAsync(e.Id, ct).ConfigureAwait(false);
        return true;
    }

    private EffectRun NewRun(string customerId, Instant now, CancellationToken ct) => new(_catalog, _ports, _delivery, customerId, now, ct);
}
