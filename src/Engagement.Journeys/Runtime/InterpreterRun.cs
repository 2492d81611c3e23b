using System.Collections.Immutable;
using System.Globalization;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;
using Engagement.Journeys.Scheduling;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>One Advance in progress: the state being drafted (<see cref="EnrollmentDraft"/>, one copy per Advance), the effects so far,
/// and the expression scope. Not shared.</summary>
internal sealed class InterpreterRun : IExpressionScope
{
    private readonly JourneyDefinition _definition;
    private readonly Stimulus _stimulus;
    private readonly ImmutableArray<Effect>.Builder _effects = ImmutableArray.CreateBuilder<Effect>(4);
    private EnrollmentDraft _state; // a mutable struct: changed in place, never copied
    private Value? _profile;
    private ImmutableSortedDictionary<string, Value>? _profileSets; // this run's updates while the profile is not built
    private Value _event;
    private Value? _enrollment;

    /// <summary>Starts a run from <paramref name="state"/>; the profile in scope is the stimulus's snapshot (missing when it
    /// carries none) and the event in scope is the enrollment's stored triggering or last matched event.</summary>
    public InterpreterRun(JourneyDefinition definition, EnrollmentState state, Stimulus stimulus)
    {
        _definition = definition;
        _state = new EnrollmentDraft(state);
        _stimulus = stimulus;
        _event = state.Event;
    }

    /// <summary>The profile in scope: the stimulus's snapshot data, read on first use (a deferred snapshot is built then), with
    /// this run's profile updates merged in; missing when the stimulus carries none.</summary>
    private Value Profile => _profile ??= BuildProfile();

    /// <summary>The stimulus's time: the only clock the run reads.</summary>
    public Instant Now => _stimulus.At;

    /// <summary>Paths under <c>profile</c> are read one top-level field at a time until something reads the profile whole (a
    /// deferred snapshot stays unbuilt): from this run's updates when they set the field, else from the stimulus's snapshot.
    /// Paths under <c>enrollment</c> are read one field at a time too until the object is built. Every other path as
    /// <see cref="Root"/> gives it. The answers are those of the built roots.</summary>
    public Value Resolve(string root, ReadOnlySpan<string> path)
    {
        if (path.Length > 0)
        {
            if (root == "profile" && _profile is null && _stimulus.Profile is { } snapshot)
            {
                return _profileSets is { } sets && sets.TryGetValue(path[0], out var set) ? set.Get(path[1..]) : snapshot.Get(path);
            }

            if (root == "enrollment" && _enrollment is null)
            {
                return EnrollmentValues.Field(path[0], _state.Original.Key, _state.Variant, _state.EnteredAt, _state.Original.JourneyId,
                    _state.Original.JourneyVersion, _state.Holdout, _state.Original.CustomerId, _state.Original.EnrollmentId, Now).Get(path[1..]);
            }
        }

        return Root(root).Get(path);
    }

    /// <summary>The expression roots <c>profile</c>, <c>event</c> and <c>enrollment</c> (built on first use, rebuilt after the
    /// state changes); <see cref="Value.Missing"/> for any other name.</summary>
    public Value Root(string name) => name switch
    {
        "profile" => Profile,
        "event" => _event,
        "enrollment" => _enrollment ??= EnrollmentValues.Of(_state.ToState(), Now),
        _ => Value.Missing,
    };

    /// <summary>The state reached and the effects produced so far, in order.</summary>
    public AdvanceResult Result() => new(_state.ToState(), _effects.ToImmutable());

    /// <summary>Enters the journey on <paramref name="trigger"/>: decides the holdout (a fixed assignment, or a stable hash of
    /// journey and customer against the holdout percentage), records entry, and runs from the start step.</summary>
    public void Start(CustomerEvent trigger)
    {
        var holdout = _definition.HoldoutFor.TryGetValue(_state.Original.CustomerId, out var fixedHoldout)
            ? fixedHoldout
            : _definition.Holdout > 0 && StableHash.Bucket(100, _definition.Id, _state.Original.CustomerId, "holdout") < _definition.Holdout;
        _event = trigger.ToScopeValue();
        _state.EnteredAt = Now;
        _state.Event = _event;
        _state.Holdout = holdout;
        _state.Status = EnrollmentStatus.Waiting;
        _enrollment = null;
        _effects.Add(new Entered(_definition.Start, holdout));
        Go(_definition.Start);
    }

    /// <summary>Exits with <see cref="ExitReasons.MaxDuration"/> and answers true when the journey has a maximum duration and
    /// it has passed since entry (computed in UTC); false, changing nothing, otherwise.</summary>
    public bool ExpireIfPastDeadline()
    {
        if (PastDeadline(_definition, _state.EnteredAt, Now))
        {
            Exit(_state.StepId, ExitReasons.MaxDuration);
            return true;
        }

        return false;
    }

    /// <summary>Whether the journey has a maximum duration and it has passed at <paramref name="now"/> since
    /// <paramref name="enteredAt"/> (computed in UTC).</summary>
    public static bool PastDeadline(JourneyDefinition definition, Instant enteredAt, Instant now) =>
        definition.MaxDuration is { } max && now >= Schedule.Add(enteredAt, max, DateTimeZone.Utc);

    /// <summary>The current wait's timer fired: moves on to a wait step's <c>next</c> or a waitForEvent step's <c>onTimeout</c>,
    /// or exits with <see cref="ExitReasons.InvalidWait"/> when the current step is not a wait.</summary>
    public void OnTimer()
    {
        var step = _definition.Step(_state.StepId!);
        var next = step switch
        {
            WaitForEventStep w => w.OnTimeout,
            WaitStep w => w.Next,
            _ => null,
        };
        _state.WakeAt = null;
        _state.AwaitingEvent = null;
        if (next is null)
        {
            Exit(step.Id, ExitReasons.InvalidWait);
            return;
        }

        _effects.Add(new StepPassed(step.Id, next, step is WaitForEventStep ? "timeout" : "elapsed"));
        Go(next);
    }

    /// <summary>An event that <see cref="Concerns"/> the enrollment arrived (<see cref="JourneyInterpreter.Advance"/> answers the
    /// others without a run). In order: records the goal (exiting if the goal says so), applies the first matching exit rule, or
    /// passes the waitForEvent step awaiting this type when its match holds; when none of these applies, nothing changes.</summary>
    public void OnEvent(CustomerEvent arrived)
    {
        var incoming = arrived.ToScopeValue();
        var previous = _event;
        _event = incoming;
        if (_definition.Goal is { } goal && _state.GoalReachedAt is null && goal.Event == arrived.Type
            && (goal.Within is null || Now <= Schedule.Add(_state.EnteredAt, goal.Within, DateTimeZone.Utc))
            && Holds(goal.When, _state.StepId))
        {
            _state.GoalReachedAt = Now;
            _effects.Add(new GoalReached(_state.StepId, arrived.Type));
            if (goal.ExitOnGoal)
            {
                Exit(_state.StepId, ExitReasons.Goal);
                return;
            }
        }

        foreach (var rule in _definition.ExitOn)
        {
            if (rule.Event == arrived.Type && Holds(rule.When, _state.StepId))
            {
                Exit(_state.StepId, rule.Reason);
                return;
            }
        }

        if (_state.AwaitingEvent == arrived.Type && _definition.Step(_state.StepId!) is WaitForEventStep wait && Holds(wait.Match, wait.Id))
        {
            _state.Event = incoming;
            _state.AwaitingEvent = null;
            _state.WakeAt = null;
            _effects.Add(new StepPassed(wait.Id, wait.Next, "event"));
            Go(wait.Next);
            return;
        }

        _event = previous;
    }

    /// <summary>Whether an event of <paramref name="type"/> concerns a waiting enrollment: the event it awaits
    /// (<paramref name="awaiting"/>), the goal's, or an exit rule's. When none, the event changes nothing.</summary>
    public static bool Concerns(JourneyDefinition definition, string? awaiting, string type)
    {
        if (awaiting == type || definition.Goal?.Event == type)
        {
            return true;
        }

        foreach (var rule in definition.ExitOn)
        {
            if (rule.Event == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ends the enrollment with <paramref name="reason"/> at <paramref name="stepId"/> (null keeps the current step),
    /// clearing any wait, and records the exit effect.</summary>
    public void Exit(string? stepId, string reason)
    {
        _state.Status = EnrollmentStatus.Exited;
        _state.StepId = stepId ?? _state.StepId;
        _state.ExitedAt = Now;
        _state.ExitReason = reason;
        _state.WakeAt = null;
        _state.AwaitingEvent = null;
        _effects.Add(new Exited(stepId, reason));
    }

    private void Go(string stepId)
    {
        for (var budget = 0; ; budget++)
        {
            if (budget >= JourneyInterpreter.StepBudget)
            {
                Exit(stepId, ExitReasons.StepLimit);
                return;
            }

            var step = _definition.Step(stepId);
            var occurrence = Enter(stepId);
            switch (step)
            {
                case SendStep send:
                    _effects.Add(_state.Holdout
                        ? new MessageWithheld(send.Id, send.Channel, send.Template, "holdout")
                        : new SendMessage(send.Id, send.Channel, send.Template, send.Fallback, occurrence, Key(send.Id, occurrence)));
                    stepId = send.Next;
                    break;
                case BranchStep branch:
                    stepId = branch.Otherwise;
                    var via = "otherwise";
                    for (var i = 0; i < branch.Cases.Length; i++)
                    {
                        if (Holds(branch.Cases[i].When, branch.Id))
                        {
                            stepId = branch.Cases[i].Next;
                            via = "case-" + (i + 1).ToString(CultureInfo.InvariantCulture);
                            break;
                        }
                    }

                    _effects.Add(new StepPassed(branch.Id, stepId, via));
                    break;
                case SplitStep split:
                    var variant = Choose(split);
                    _state.Variant = variant.Name;
                    _enrollment = null;
                    _effects.Add(new VariantAssigned(split.Id, variant.Name));
                    stepId = variant.Next;
                    break;
                case UpdateStep update:
                    Update(update, occurrence);
                    stepId = update.Next;
                    break;
                case TaskStep task:
                    var due = task.Due is { } d ? Schedule.Add(Now, d, Zone(task.Id, d)) : (Instant?)null;
                    _effects.Add(new CreateTask(task.Id, task.Queue, task.Title, due, task.Priority, Key(task.Id, occurrence)));
                    stepId = task.Next;
                    break;
                case ExitStep exit:
                    Exit(exit.Id, exit.Reason);
                    return;
                case WaitStep wait:
                    var wake = WakeTime(wait);
                    if (wake is null)
                    {
                        if (wait.Schedule is DateWait { OnMissing: { } missing })
                        {
                            _effects.Add(new StepPassed(wait.Id, missing, ExitReasons.MissingDate));
                            stepId = missing;
                            break;
                        }

                        Exit(wait.Id, ExitReasons.MissingDate);
                        return;
                    }

                    if (wake.Value <= Now)
                    {
                        _effects.Add(new StepPassed(wait.Id, wait.Next, "elapsed"));
                        stepId = wait.Next;
                        break;
                    }

                    Hold(wait.Id, wake.Value, null);
                    return;
                case WaitForEventStep awaitStep:
                    var until = awaitStep.WorkingDaysTimeout is { } sla
                        ? Schedule.AddWorkingDays(_state.EnteredAt, Zone(awaitStep.Id, null), sla.Days, Calendar(sla.Calendar))
                        : Schedule.Add(Now, awaitStep.Timeout, Zone(awaitStep.Id, awaitStep.Timeout));
                    if (until <= Now)
                    {
                        _effects.Add(new StepPassed(awaitStep.Id, awaitStep.OnTimeout, "timeout"));
                        stepId = awaitStep.OnTimeout;
                        break;
                    }

                    Hold(awaitStep.Id, until, awaitStep.Event);
                    return;
                default:
                    throw new InvalidOperationException($"step '{step.Id}' is a {step.Kind} step, which the interpreter has no case for");
            }
        }
    }

    private int Enter(string stepId)
    {
        var occurrence = _state.Occurrence(stepId) + 1;
        _state.StepId = stepId;
        _state.SetOccurrence(stepId, occurrence);
        return occurrence;
    }

    private void Hold(string stepId, Instant wake, string? awaiting)
    {
        if (_definition.MaxDuration is { } max && Schedule.Add(_state.EnteredAt, max, DateTimeZone.Utc) is var deadline && wake > deadline)
        {
            wake = deadline;
        }

        _state.Status = EnrollmentStatus.Waiting;
        _state.StepId = stepId;
        _state.WakeAt = wake;
        _state.AwaitingEvent = awaiting;
        _effects.Add(awaiting is null ? new ScheduleWakeUp(stepId, wake) : new AwaitEvent(stepId, awaiting, wake));
    }

    private Instant? WakeTime(WaitStep wait) => wait.Schedule switch
    {
        DurationWait d => Schedule.Add(Now, d.Period, Zone(wait.Id, d.Period)),
        TimeOfDayWait t => Schedule.NextTimeOfDay(Now, Zone(wait.Id, null), t.At, t.Days),
        WorkingDaysWait w => Schedule.AddWorkingDays(Now, Zone(wait.Id, null), w.Days, Calendar(w.Calendar)),
        DateWait d => DateWake(wait.Id, d),
        _ => throw new InvalidOperationException($"step '{wait.Id}' has a {wait.Schedule.GetType().Name} schedule, which the interpreter has no case for"),
    };

    private Instant? DateWake(string stepId, DateWait wait)
    {
        RequireProfile(stepId);
        var text = Resolve("profile", wait.ProfilePath.Split('.')).AsString();
        var zone = Zone(stepId, null);
        if (wait.Annual)
        {
            return AnnualDates.TryParse(text, out var annual)
                ? Schedule.NextAnniversary(Now, zone, annual, wait.At, wait.OffsetDays, wait.LeapDay)
                : null;
        }

        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(text is { Length: > 10 } ? text[..10] : text ?? string.Empty);
        if (!date.Success)
        {
            return null;
        }

        var at = (date.Value.PlusDays(wait.OffsetDays) + wait.At).InZone(zone, Schedule.Resolver).ToInstant();
        return at >= Now ? at : null;
    }

    private void Update(UpdateStep update, int occurrence)
    {
        if (!update.Set.IsEmpty || update.Emit is not null)
        {
            var set = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
            foreach (var (name, expression) in update.Set)
            {
                Require(expression, update.Id);
                set[name] = expression.Evaluate(this);
            }

            if (update.Emit is { } emit)
            {
                var data = new List<KeyValuePair<string, Value>>(emit.Data.Count);
                foreach (var (name, expression) in emit.Data)
                {
                    Require(expression, update.Id);
                    data.Add(new(name, expression.Evaluate(this)));
                }

                _effects.Add(new UpdateProfile(update.Id, set.ToImmutable(), update.AddTags, update.RemoveTags));
                _effects.Add(new EmitEvent(update.Id, Key(update.Id, occurrence), emit.Type, Value.FromObject(data)));
            }
            else
            {
                _effects.Add(new UpdateProfile(update.Id, set.ToImmutable(), update.AddTags, update.RemoveTags));
            }

            // The merge waits until something reads the profile whole (Resolve reads the fields set from the updates).
            if (_profile is not null)
            {
                _profile = _profile.IsMissing ? _profile : _profile.Merge(Value.FromObject(set));
            }
            else if (_stimulus.Profile is not null)
            {
                _profileSets = _profileSets is null ? set.ToImmutable() : _profileSets.SetItems(set);
            }
        }
        else
        {
            _effects.Add(new UpdateProfile(update.Id, ImmutableSortedDictionary<string, Value>.Empty.WithComparers(StringComparer.Ordinal), update.AddTags, update.RemoveTags));
        }
    }

    /// <summary>The stimulus's snapshot data with this run's updates so far merged over it (shallow, later updates win);
    /// missing when the stimulus carries none.</summary>
    private Value BuildProfile()
    {
        var data = _stimulus.Profile?.Data ?? Value.Missing;
        if (_profileSets is { } sets && !data.IsMissing)
        {
            data = data.Merge(Value.FromFields(sets));
        }

        _profileSets = null;
        return data;
    }

    private SplitVariant Choose(SplitStep split)
    {
        var total = 0;
        foreach (var v in split.Variants)
        {
            total += v.Weight;
        }

        var bucket = StableHash.Bucket(total, _definition.Id, _state.Original.CustomerId, split.Id);
        foreach (var v in split.Variants)
        {
            if ((bucket -= v.Weight) < 0)
            {
                return v;
            }
        }

        return split.Variants[^1];
    }

    private bool Holds(Expression? condition, string? stepId)
    {
        if (condition is null)
        {
            return true;
        }

        Require(condition, stepId);
        return condition.IsTrue(this);
    }

    private void Require(Expression expression, string? stepId)
    {
        if (_stimulus.Profile is null && expression.References("profile"))
        {
            throw new ProfileNeededException(stepId);
        }
    }

    private void RequireProfile(string stepId)
    {
        if (_stimulus.Profile is null)
        {
            throw new ProfileNeededException(stepId);
        }
    }

    /// <summary>The recipient's zone; needs the profile unless the period is pure elapsed time.</summary>
    private DateTimeZone Zone(string stepId, Period? period)
    {
        if (period is not null && !period.HasDateComponent)
        {
            return DateTimeZone.Utc;
        }

        RequireProfile(stepId);
        return TimeZones.Resolve(_stimulus.Profile!.TimeZone, _definition.TimeZone);
    }

    private WorkingCalendar Calendar(string name) =>
        _definition.Calendars.TryGetValue(name, out var calendar) ? calendar : WorkingCalendar.MondayToFriday;

    private string Key(string stepId, int occurrence) =>
        string.Concat(_state.Original.EnrollmentId, "/", stepId, "/", occurrence.ToString(CultureInfo.InvariantCulture));
}
