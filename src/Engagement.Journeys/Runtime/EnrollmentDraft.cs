using System.Collections.Immutable;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// The state one Advance is building (<see cref="InterpreterRun"/>): the fields the interpreter changes, mutable, made into an
/// <see cref="EnrollmentState"/> once when asked (<see cref="ToState"/>) instead of one copy per change. The state it started
/// from is never changed; until a field is set, <see cref="ToState"/> is that very state. A mutable struct, held in a field of
/// the run and changed there (a copy would be a separate draft): no allocation of its own. Not shared, not thread-safe.
/// </summary>
internal struct EnrollmentDraft(EnrollmentState original)
{
    private readonly EnrollmentState _original = original;
    private EnrollmentState? _built = original;
    private EnrollmentStatus _status = original.Status;
    private string? _stepId = original.StepId;
    private Instant _enteredAt = original.EnteredAt;
    private Instant? _wakeAt = original.WakeAt;
    private string? _awaitingEvent = original.AwaitingEvent;
    private bool _holdout = original.Holdout;
    private string? _variant = original.Variant;
    private readonly ImmutableSortedDictionary<string, int> _occurrences = original.Occurrences;
    private ImmutableSortedDictionary<string, int>.Builder? _occurrenceCounts;
    private Value _event = original.Event;
    private Instant? _goalReachedAt = original.GoalReachedAt;
    private Instant? _exitedAt = original.ExitedAt;
    private string? _exitReason = original.ExitReason;

    /// <summary>The state the Advance started from (its id, journey, customer and key never change).</summary>
    public EnrollmentState Original => _original;

    /// <inheritdoc cref="EnrollmentState.Status"/>
    public EnrollmentStatus Status { get => _status; set => Set(ref _status, value); }

    /// <inheritdoc cref="EnrollmentState.StepId"/>
    public string? StepId { get => _stepId; set => Set(ref _stepId, value); }

    /// <inheritdoc cref="EnrollmentState.EnteredAt"/>
    public Instant EnteredAt { get => _enteredAt; set => Set(ref _enteredAt, value); }

    /// <inheritdoc cref="EnrollmentState.WakeAt"/>
    public Instant? WakeAt { get => _wakeAt; set => Set(ref _wakeAt, value); }

    /// <inheritdoc cref="EnrollmentState.AwaitingEvent"/>
    public string? AwaitingEvent { get => _awaitingEvent; set => Set(ref _awaitingEvent, value); }

    /// <inheritdoc cref="EnrollmentState.Holdout"/>
    public bool Holdout { get => _holdout; set => Set(ref _holdout, value); }

    /// <inheritdoc cref="EnrollmentState.Variant"/>
    public string? Variant { get => _variant; set => Set(ref _variant, value); }

    /// <summary>How many times step <paramref name="stepId"/> has been entered (<see cref="EnrollmentState.Occurrences"/>).</summary>
    public readonly int Occurrence(string stepId) =>
        (_occurrenceCounts is { } counts ? counts.TryGetValue(stepId, out var n) : _occurrences.TryGetValue(stepId, out n)) ? n : 0;

    /// <summary>Sets how many times step <paramref name="stepId"/> has been entered. The counts are changed in one builder for the
    /// whole Advance (a run entering three steps made three dictionaries, each with its own path of nodes).</summary>
    public void SetOccurrence(string stepId, int occurrence)
    {
        (_occurrenceCounts ??= _occurrences.ToBuilder())[stepId] = occurrence;
        _built = null;
    }

    /// <inheritdoc cref="EnrollmentState.Event"/>
    public Value Event { get => _event; set => Set(ref _event, value); }

    /// <inheritdoc cref="EnrollmentState.GoalReachedAt"/>
    public Instant? GoalReachedAt { get => _goalReachedAt; set => Set(ref _goalReachedAt, value); }

    /// <inheritdoc cref="EnrollmentState.ExitedAt"/>
    public Instant? ExitedAt { get => _exitedAt; set => Set(ref _exitedAt, value); }

    /// <inheritdoc cref="EnrollmentState.ExitReason"/>
    public string? ExitReason { get => _exitReason; set => Set(ref _exitReason, value); }

    /// <summary>The state as drafted so far: the original until a field was set, then one copy with every field, kept until the
    /// next change.</summary>
    public EnrollmentState ToState() => _built ??= _original with
    {
        Status = _status, StepId = _stepId, EnteredAt = _enteredAt, WakeAt = _wakeAt, AwaitingEvent = _awaitingEvent, Holdout = _holdout,
        Variant = _variant, Occurrences = _occurrenceCounts?.ToImmutable() ?? _occurrences, Event = _event, GoalReachedAt = _goalReachedAt, ExitedAt = _exitedAt,
        ExitReason = _exitReason,
    };

    private void Set<T>(ref T field, T value)
    {
        field = value;
        _built = null;
    }
}
