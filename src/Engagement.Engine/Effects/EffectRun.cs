using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tasks;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Effects;

/// <summary>
/// One stimulus's work for one customer at one instant: carries out effects through the ports (timeline, wake-ups, tasks,
/// profile updates, emitted events) and collects the sends, which <see cref="FlushAsync"/> delivers as one batch through the
/// delivery guards. Shared by <see cref="EngagementEngine"/> (which also steps enrollments with <see cref="StepAsync"/>) and
/// the Durable <c>ApplyEffects</c> activity (<see cref="Orchestration.EffectBatchApplier"/>). Every effect is idempotent by its
/// key (ledger key, task key, event id), so a retried run never sends twice. The states <see cref="StepAsync"/> reaches are
/// saved by <see cref="FlushAsync"/> only after the sends: a run that fails midway leaves the stored states as they were, so
/// the retried stimulus steps the same enrollments again and redoes their effects (the keys make that harmless) instead of
/// finding them moved on with their effects lost. Not thread-safe: one run per customer at a time.
/// </summary>
public sealed class EffectRun(JourneyCatalog catalog, EnginePorts ports, IDelivery delivery, string customerId, Instant now, CancellationToken ct)
{
    private readonly List<DeliveryRequest> _sends = [];
    /// <summary>The states this run reached, one per enrollment, in the order they were first stepped (a run steps a few, so a
    /// list searched by id costs less than a dictionary built per run).</summary>
    private readonly List<EnrollmentState> _reached = [];

    private CustomerProfile? _profile;
    private ProfileSnapshot? _snapshot;

    /// <summary>The customer's profile as of this run (an empty one until the host sets it); <see cref="UpdateProfile"/> effects
    /// change and save it.</summary>
    public CustomerProfile Profile
    {
        get => _profile ??= new() { CustomerId = customerId };
        set
        {
            _profile = value;
            _snapshot = null;
        }
    }

    /// <summary>The profile as the core sees it, built once per profile change.</summary>
    public ProfileSnapshot Snapshot => _snapshot ??= Profile.ToSnapshot();

    /// <summary>Advances an enrollment (delivering the profile when the core asks for it) and applies the effects; the new state
    /// is saved by <see cref="FlushAsync"/> and seen meanwhile through <see cref="EntryHistoryAsync"/> and
    /// <see cref="ActiveEnrollmentsAsync"/>.</summary>
    public async ValueTask StepAsync(JourneyDefinition definition, EnrollmentState state, Stimulus stimulus)
    {
        var result = JourneyInterpreter.Advance(definition, state, stimulus);
        if (result.Effects is [ProfileRequested])
        {
            result = JourneyInterpreter.Advance(definition, state, stimulus with { Profile = Snapshot });
        }

        var next = result.State;
        if (IndexOfReached(next.EnrollmentId) is var index and >= 0)
        {
            _reached[index] = next;
        }
        else
        {
            _reached.Add(next);
        }

        foreach (var effect in result.Effects)
        {
            await ApplyAsync(definition, next, effect).ConfigureAwait(false);
        }
    }

    /// <summary>The customer's enrollments that have not exited, as this run sees them: the stored ones, with the states stepped
    /// in this run instead of their stored versions, and enrollments started in this run at the end (in start order); an
    /// enrollment this run exited stays in the list, exited. What routing reads under the embedded rules.</summary>
    public async ValueTask<IReadOnlyList<EnrollmentState>> ActiveEnrollmentsAsync() =>
        Merge(await ports.Enrollments.ListActiveByCustomerAsync(customerId, ct).ConfigureAwait(false), journeyId: null);

    /// <summary>The customer's enrollments in journey <paramref name="journeyId"/> (active and exited) as this run sees them: what
    /// the entry rules read. The stored whole states with the states stepped in this run in their place, then enrollments of the
    /// journey started in this run (in start order); exited enrollments the store keeps compactly stay key and entry time (a run
    /// steps only enrollments that have not exited, so none of those is among its states).</summary>
    public async ValueTask<EntryHistory> EntryHistoryAsync(string journeyId)
    {
        var stored = await ports.Enrollments.EntryHistoryAsync(customerId, journeyId, ct).ConfigureAwait(false);
        return _reached.Count == 0 ? stored : new EntryHistory(Merge(stored.States, journeyId), stored.Exited);
    }

    /// <summary>The stored states with the reached ones in their place, then the reached ones not stored yet (of
    /// <paramref name="journeyId"/> when given), in step order.</summary>
    private IReadOnlyList<EnrollmentState> Merge(IReadOnlyList<EnrollmentState> stored, string? journeyId)
    {
        if (_reached.Count == 0)
        {
            return stored;
        }

        var list = new List<EnrollmentState>(stored.Count + _reached.Count);
        var placed = new bool[_reached.Count];
        foreach (var state in stored)
        {
            var index = IndexOfReached(state.EnrollmentId);
            if (index >= 0)
            {
                placed[index] = true;
            }

            list.Add(index >= 0 ? _reached[index] : state);
        }

        for (var i = 0; i < _reached.Count; i++)
        {
            if (!placed[i] && (journeyId is null || string.Equals(_reached[i].JourneyId, journeyId, StringComparison.Ordinal)))
            {
                list.Add(_reached[i]);
            }
        }

        return list;
    }

    private int IndexOfReached(string enrollmentId)
    {
        for (var i = 0; i < _reached.Count; i++)
        {
            if (string.Equals(_reached[i].EnrollmentId, enrollmentId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Delivers the collected sends as one batch (caps arbitrate by journey priority inside it), then saves the states
    /// the run reached, in the order they were first stepped.</summary>
    public async ValueTask FlushAsync()
    {
        if (_sends.Count > 0)
        {
            await delivery.DeliverAsync(_sends.ToList(), ct).ConfigureAwait(false);
            _sends.Clear();
        }

        foreach (var state in _reached)
        {
            await ports.Enrollments.SaveAsync(state, ct).ConfigureAwait(false);
        }

        _reached.Clear();
    }

    /// <summary>Carries out one effect of enrollment <paramref name="s"/> (the state after the Advance that produced it).</summary>
    public async ValueTask ApplyAsync(JourneyDefinition d, EnrollmentState s, Effect effect)
    {
        switch (effect)
        {
            case Entered entered:
                await RecordAsync(d, s, TimelineKind.Entered, entered.StepId).ConfigureAwait(false);
                break;
            case SendMessage send:
                _sends.Add(new DeliveryRequest(d, s, send, Profile, now));
                break;
            case MessageWithheld withheld:
                await RecordAsync(d, s, TimelineKind.Suppressed, withheld.StepId, reason: withheld.Reason, channel: withheld.Channel, template: withheld.Template).ConfigureAwait(false);
                break;
            case ScheduleWakeUp wake:
                await ports.WakeUps.ScheduleAsync(s.EnrollmentId, s.CustomerId, wake.At, ct).ConfigureAwait(false);
                break;
            case AwaitEvent wait:
                await ports.WakeUps.ScheduleAsync(s.EnrollmentId, s.CustomerId, wait.Until, ct).ConfigureAwait(false);
                break;
            case CreateTask task:
                var model = new TemplateRequest(string.Empty, string.Empty, [], Snapshot.Data, s.Event, TemplateModels.Enrollment(s), new Dictionary<string, string>());
                var title = catalog.Templates.RenderText(task.TitleTemplate, model);
                await ports.Tasks.CreateAsync(new HumanTask
                {
                    TaskKey = task.TaskKey, CustomerId = s.CustomerId, Journey = d.Id, Step = task.StepId!, Queue = task.Queue, Title = title,
                    Priority = task.Priority, CreatedAt = now, Due = task.Due,
                }, ct).ConfigureAwait(false);
                await RecordAsync(d, s, TimelineKind.Task, task.StepId, priority: task.Priority, detail: task.Queue).ConfigureAwait(false);
                break;
            case UpdateProfile update:
                Profile = Profile with
                {
                    Attributes = Profile.Attributes.Merge(Value.FromObject(update.Set)),
                    Tags = Profile.Tags.Union(update.AddTags).Except(update.RemoveTags),
                };
                await ports.Profiles.SaveAsync(Profile, ct).ConfigureAwait(false);
                await RecordAsync(d, s, TimelineKind.Updated, update.StepId, detail: string.Join(",", update.Set.Keys.Concat(update.AddTags.Select(t => "+" + t)))).ConfigureAwait(false);
                break;
            case EmitEvent emit:
                await ports.Publisher.PublishAsync(new CustomerEvent(emit.EventId, emit.Type, s.CustomerId, now, emit.Data), ct).ConfigureAwait(false);
                await RecordAsync(d, s, TimelineKind.Emitted, emit.StepId, detail: emit.Type).ConfigureAwait(false);
                break;
            case GoalReached goal:
                await RecordAsync(d, s, TimelineKind.Goal, goal.StepId, detail: goal.EventType).ConfigureAwait(false);
                break;
            case StepPassed passed:
                await RecordAsync(d, s, TimelineKind.Passed, passed.StepId, reason: passed.Via, detail: passed.Next).ConfigureAwait(false);
                break;
            case VariantAssigned assigned:
                await RecordAsync(d, s with { Variant = assigned.Variant }, TimelineKind.Assigned, assigned.StepId, detail: ArmOf(d, assigned)).ConfigureAwait(false);
                break;
            case Exited exited:
                await ports.WakeUps.CancelAsync(s.EnrollmentId, ct).ConfigureAwait(false);
                await RecordAsync(d, s, TimelineKind.Exited, exited.StepId, reason: exited.Reason).ConfigureAwait(false);
                break;
            case ProfileRequested:
                break; // answered by StepAsync (or the orchestration) before effects are applied; never carried out
            default:
                throw new InvalidOperationException($"effect {effect.GetType().Name} has no case in EffectRun.ApplyAsync");
        }
    }

    /// <summary>The step the assigned variant goes on to, or null. A loop, not a lambda: a lambda capturing the case's variable
    /// made the compiler allocate its closure on every <see cref="ApplyAsync"/>, whatever the effect.</summary>
    private static string? ArmOf(JourneyDefinition d, VariantAssigned assigned)
    {
        if (assigned.StepId is { } splitId && d.Steps.GetValueOrDefault(splitId) is SplitStep split)
        {
            foreach (var variant in split.Variants)
            {
                if (variant.Name == assigned.Variant)
                {
                    return variant.Next;
                }
            }
        }

        return null;
    }

    private ValueTask RecordAsync(JourneyDefinition d, EnrollmentState s, TimelineKind kind, string? step, string? reason = null, string? detail = null, string? channel = null, string? template = null, string? priority = null) =>
        ports.Timeline.RecordAsync(new TimelineEntry
        {
            At = now, Kind = kind, CustomerId = s.CustomerId, Journey = d.Id, Version = d.Version, Step = step, Channel = channel, Template = template,
            Variant = s.Variant, Reason = reason, Priority = priority, Detail = detail, Holdout = s.Holdout, EnrollmentId = s.EnrollmentId,
        }, ct);
}
