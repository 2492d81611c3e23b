using Engagement.Engine.Catalog;
using Engagement.Engine.Consent;
using Engagement.Engine.Effects;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Engagement.Engine;

/// <summary>
/// The host-neutral engine: routes events (profile updates, enrollment, waiting enrollments, exits and goals) and wake-ups
/// through the pure interpreter, and carries out its effects through the ports. Hosts call it one stimulus at a time per
/// customer; every effect is idempotent by its key, so a retried stimulus never sends twice. An event is marked processed in
/// the inbox only after its work succeeded: an event handled again after a failure midway redoes the work (the profile change
/// once, by <see cref="ProfileEvents.ApplyOnce"/>; enrollment states are saved after their effects, see <see cref="EffectRun"/>).
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
        if (await _ports.Inbox.IsProcessedAsync(e.Id, cancellationToken))
        {
            _logger.LogDebug("Duplicate event {EventId} ignored", e.Id);
            return false;
        }

        var run = NewRun(e.CustomerId, now, cancellationToken);
        var before = await _ports.Profiles.GetAsync(e.CustomerId, cancellationToken);
        if (e.Type == Erasure.EventType)
        {
            foreach (var state in await run.EnrollmentsAsync())
            {
                if (state.Status != EnrollmentStatus.Exited)
                {
                    await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new ExitRequested(now, Erasure.ExitReason));
                }
            }

            await run.FlushAsync();
            await _ports.Profiles.EraseAsync(e.CustomerId, cancellationToken);
            await _ports.Ledger.TryReserveAsync(Erasure.Tombstone(e.CustomerId, e.Id, now), cancellationToken);
            return await MarkProcessedAsync(e, cancellationToken);
        }

        run.Profile = ProfileEvents.ApplyOnce(before ?? new CustomerProfile { CustomerId = e.CustomerId }, e) ?? new CustomerProfile { CustomerId = e.CustomerId };
        if (!ReferenceEquals(run.Profile, before))
        {
            await _ports.Profiles.SaveAsync(run.Profile, cancellationToken);
        }

        var existing = await run.EnrollmentsAsync();
        foreach (var state in ConsentEvents.JourneysToExit(e, existing, (id, version) => _catalog.Get(id, version)))
        {
            await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new ExitRequested(now, ConsentEvents.ExitReason));
        }

        existing = await run.EnrollmentsAsync();
        foreach (var state in existing.Where(s => s.Status == EnrollmentStatus.Waiting).ToList())
        {
            var definition = _catalog.Get(state.JourneyId, state.JourneyVersion);
            if (EventInterest.Cares(definition, state, e.Type))
            {
                await run.StepAsync(definition, state, new EventArrived(now, run.Snapshot, e));
            }
        }

        foreach (var definition in _catalog.Latest)
        {
            if (!definition.Trigger.Matches(e.Type))
            {
                continue;
            }

            var mine = (await run.EnrollmentsAsync()).Where(s => s.JourneyId == definition.Id).ToList();
            var decision = JourneyEntry.Decide(definition, e, run.Snapshot, mine);
            if (decision.Kind != EntryDecisionKind.Enroll)
            {
                continue;
            }

            foreach (var id in decision.ExitFirst)
            {
                var old = mine.First(s => s.EnrollmentId == id);
                await run.StepAsync(_catalog.Get(old.JourneyId, old.JourneyVersion), old, new ExitRequested(now, "restarted"));
            }

            var fresh = EnrollmentState.Create(definition.Id, definition.Version, e.CustomerId, decision.EnrollmentKey!);
            await run.StepAsync(definition, fresh, new EnrollmentStarted(now, run.Snapshot, e));
        }

        await run.FlushAsync();
        return await MarkProcessedAsync(e, cancellationToken);
    }

    /// <summary>Handles a due wake-up of an enrollment (stale ones do nothing).</summary>
    public async ValueTask HandleWakeUpAsync(string enrollmentId, Instant dueAt, Instant now, CancellationToken cancellationToken = default)
    {
        var state = await _ports.Enrollments.GetAsync(enrollmentId, cancellationToken);
        if (state is null || state.Status != EnrollmentStatus.Waiting || state.WakeAt != dueAt)
        {
            return;
        }

        var run = NewRun(state.CustomerId, now, cancellationToken);
        run.Profile = await _ports.Profiles.GetAsync(state.CustomerId, cancellationToken) ?? new CustomerProfile { CustomerId = state.CustomerId };
        await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new TimerFired(now, run.Snapshot, dueAt));
        await run.FlushAsync();
    }

    /// <summary>Marks the event processed now that its work is done (true even if a concurrent duplicate marked it first: the work is idempotent).</summary>
    private async ValueTask<bool> MarkProcessedAsync(CustomerEvent e, CancellationToken ct)
    {
        await _ports.Inbox.TryMarkProcessedAsync(e.Id, ct);
        return true;
    }

    private EffectRun NewRun(string customerId, Instant now, CancellationToken ct) => new(_catalog, _ports, _delivery, customerId, now, ct);
}
