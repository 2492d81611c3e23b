using Engagement.Engine.Catalog;
using Engagement.Engine.Consent;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tasks;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Engagement.Engine;

/// <summary>
/// The host-neutral engine: routes events (profile updates, enrollment, waiting enrollments, exits and goals) and wake-ups
/// through the pure interpreter, and carries out its effects through the ports. Hosts call it one stimulus at a time per
/// customer; every effect is idempotent by its key, so a retried stimulus never sends twice.
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

    /// <summary>Handles one event at <paramref name="now"/>. False when the event id was processed before (a duplicate: nothing happens).</summary>
    public async ValueTask<bool> HandleEventAsync(CustomerEvent e, Instant now, CancellationToken cancellationToken = default)
    {
        if (!await _ports.Inbox.TryMarkProcessedAsync(e.Id, cancellationToken))
        {
            _logger.LogDebug("Duplicate event {EventId} ignored", e.Id);
            return false;
        }

        var run = new Run(this, e.CustomerId, now, cancellationToken);
        var before = await _ports.Profiles.GetAsync(e.CustomerId, cancellationToken);
        if (e.Type == "customer.erased")
        {
            foreach (var state in await _ports.Enrollments.ListByCustomerAsync(e.CustomerId, cancellationToken))
            {
                if (state.Status != EnrollmentStatus.Exited)
                {
                    await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new ExitRequested(now, "erased"));
                }
            }

            await _ports.Profiles.EraseAsync(e.CustomerId, cancellationToken);
            await _ports.Ledger.TryReserveAsync(new LedgerEntry
            {
                Key = "erased/" + e.CustomerId, CustomerId = e.CustomerId, Journey = "-", Step = "erasure", Status = LedgerStatus.Erased,
                At = now, Reason = "erased:" + e.Id,
            }, cancellationToken);
            return true;
        }

        run.Profile = ProfileEvents.Apply(before ?? new CustomerProfile { CustomerId = e.CustomerId }, e) ?? new CustomerProfile { CustomerId = e.CustomerId };
        if (!ReferenceEquals(run.Profile, before))
        {
            await _ports.Profiles.SaveAsync(run.Profile, cancellationToken);
        }

        var existing = await _ports.Enrollments.ListByCustomerAsync(e.CustomerId, cancellationToken);
        foreach (var state in ConsentEvents.JourneysToExit(e, existing, (id, version) => _catalog.Get(id, version)))
        {
            await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new ExitRequested(now, ConsentEvents.ExitReason));
        }

        existing = await _ports.Enrollments.ListByCustomerAsync(e.CustomerId, cancellationToken);
        foreach (var state in existing.Where(s => s.Status == EnrollmentStatus.Waiting).ToList())
        {
            var definition = _catalog.Get(state.JourneyId, state.JourneyVersion);
            if (Cares(definition, state, e.Type))
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

            var mine = (await _ports.Enrollments.ListByCustomerAsync(e.CustomerId, cancellationToken)).Where(s => s.JourneyId == definition.Id).ToList();
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
        return true;
    }

    /// <summary>Handles a due wake-up of an enrollment (stale ones do nothing).</summary>
    public async ValueTask HandleWakeUpAsync(string enrollmentId, Instant dueAt, Instant now, CancellationToken cancellationToken = default)
    {
        var state = await _ports.Enrollments.GetAsync(enrollmentId, cancellationToken);
        if (state is null || state.Status != EnrollmentStatus.Waiting || state.WakeAt != dueAt)
        {
            return;
        }

        var run = new Run(this, state.CustomerId, now, cancellationToken)
        {
            Profile = await _ports.Profiles.GetAsync(state.CustomerId, cancellationToken) ?? new CustomerProfile { CustomerId = state.CustomerId },
        };
        await run.StepAsync(_catalog.Get(state.JourneyId, state.JourneyVersion), state, new TimerFired(now, run.Snapshot, dueAt));
        await run.FlushAsync();
    }

    private static bool Cares(JourneyDefinition d, EnrollmentState s, string type) =>
        s.AwaitingEvent == type || d.Goal?.Event == type || d.ExitOn.Any(r => r.Event == type);

    /// <summary>One stimulus's work for one customer: steps enrollments, applies effects, then delivers the sends as one batch.</summary>
    private sealed class Run(EngagementEngine engine, string customerId, Instant now, CancellationToken ct)
    {
        private readonly List<DeliveryRequest> _sends = [];

        private CustomerProfile _profile = new() { CustomerId = customerId };
        private ProfileSnapshot? _snapshot;

        public CustomerProfile Profile
        {
            get => _profile;
            set
            {
                _profile = value;
                _snapshot = null;
            }
        }

        /// <summary>The profile as the core sees it, built once per profile change.</summary>
        public ProfileSnapshot Snapshot => _snapshot ??= _profile.ToSnapshot();

        public async ValueTask StepAsync(JourneyDefinition definition, EnrollmentState state, Stimulus stimulus)
        {
            var result = JourneyInterpreter.Advance(definition, state, stimulus);
            if (result.Effects is [ProfileRequested])
            {
                result = JourneyInterpreter.Advance(definition, state, stimulus with { Profile = Snapshot });
            }

            var next = result.State;
            await engine._ports.Enrollments.SaveAsync(next, ct);
            foreach (var effect in result.Effects)
            {
                await ApplyAsync(definition, next, effect);
            }
        }

        public async ValueTask FlushAsync()
        {
            if (_sends.Count > 0)
            {
                await engine._delivery.DeliverAsync(_sends.ToList(), ct);
                _sends.Clear();
            }
        }

        private async ValueTask ApplyAsync(JourneyDefinition d, EnrollmentState s, Effect effect)
        {
            var ports = engine._ports;
            switch (effect)
            {
                case Entered entered:
                    await RecordAsync(d, s, TimelineKind.Entered, entered.StepId);
                    break;
                case SendMessage send:
                    _sends.Add(new DeliveryRequest(d, s, send, Profile, now));
                    break;
                case MessageWithheld withheld:
                    await RecordAsync(d, s, TimelineKind.Suppressed, withheld.StepId, reason: withheld.Reason, channel: withheld.Channel, template: withheld.Template);
                    break;
                case ScheduleWakeUp wake:
                    await ports.WakeUps.ScheduleAsync(s.EnrollmentId, s.CustomerId, wake.At, ct);
                    break;
                case AwaitEvent wait:
                    await ports.WakeUps.ScheduleAsync(s.EnrollmentId, s.CustomerId, wait.Until, ct);
                    break;
                case CreateTask task:
                    var model = new TemplateRequest(string.Empty, string.Empty, [], Snapshot.Data, s.Event, TemplateModels.Enrollment(s), new Dictionary<string, string>());
                    var title = engine._catalog.Templates.RenderText(task.TitleTemplate, model);
                    await ports.Tasks.CreateAsync(new HumanTask
                    {
                        TaskKey = task.TaskKey, CustomerId = s.CustomerId, Journey = d.Id, Step = task.StepId!, Queue = task.Queue, Title = title,
                        Priority = task.Priority, CreatedAt = now, Due = task.Due,
                    }, ct);
                    await RecordAsync(d, s, TimelineKind.Task, task.StepId, reason: task.Priority, detail: task.Queue);
                    break;
                case UpdateProfile update:
                    Profile = Profile with
                    {
                        Attributes = Profile.Attributes.Merge(Value.FromObject(update.Set)),
                        Tags = Profile.Tags.Union(update.AddTags).Except(update.RemoveTags),
                    };
                    await ports.Profiles.SaveAsync(Profile, ct);
                    await RecordAsync(d, s, TimelineKind.Updated, update.StepId, detail: string.Join(",", update.Set.Keys.Concat(update.AddTags.Select(t => "+" + t))));
                    break;
                case EmitEvent emit:
                    await ports.Publisher.PublishAsync(new CustomerEvent(emit.EventId, emit.Type, s.CustomerId, now, emit.Data), ct);
                    await RecordAsync(d, s, TimelineKind.Emitted, emit.StepId, detail: emit.Type);
                    break;
                case GoalReached goal:
                    await RecordAsync(d, s, TimelineKind.Goal, goal.StepId, detail: goal.EventType);
                    break;
                case Exited exited:
                    await ports.WakeUps.CancelAsync(s.EnrollmentId, ct);
                    await RecordAsync(d, s, TimelineKind.Exited, exited.StepId, reason: exited.Reason);
                    break;
            }
        }

        private ValueTask RecordAsync(JourneyDefinition d, EnrollmentState s, TimelineKind kind, string? step, string? reason = null, string? detail = null, string? channel = null, string? template = null) =>
            engine._ports.Timeline.RecordAsync(new TimelineEntry
            {
                At = now, Kind = kind, CustomerId = s.CustomerId, Journey = d.Id, Version = d.Version, Step = step, Channel = channel, Template = template,
                Variant = s.Variant, Reason = reason, Detail = detail, Holdout = s.Holdout, EnrollmentId = s.EnrollmentId,
            }, ct);
    }
}
