using System.Collections.Immutable;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// Everything the core remembers about one customer in one journey version. Small, serialisable, immutable:
/// <c>Advance</c> returns a new state and never mutates the old one.
/// </summary>
public sealed record EnrollmentState
{
    /// <summary>Deterministic id: see <see cref="EnrollmentIds"/>.</summary>
    public required string EnrollmentId { get; init; }
    /// <summary>Journey id.</summary>
    public required string JourneyId { get; init; }
    /// <summary>The journey version the customer entered with; they finish on it.</summary>
    public required int JourneyVersion { get; init; }
    /// <summary>The customer.</summary>
    public required string CustomerId { get; init; }
    /// <summary>The enrollment key (trigger key; the customer id by default).</summary>
    public required string Key { get; init; }
    /// <summary>Lifecycle status.</summary>
    public EnrollmentStatus Status { get; init; } = EnrollmentStatus.New;
    /// <summary>The current step id (the waiting step, or the exit step).</summary>
    public string? StepId { get; init; }
    /// <summary>When the customer entered.</summary>
    public Instant EnteredAt { get; init; }
    /// <summary>When a waiting enrollment wakes (the wait's end or the waitForEvent timeout). Timers for other instants are stale.</summary>
    public Instant? WakeAt { get; init; }
    /// <summary>The event type a waitForEvent step awaits.</summary>
    public string? AwaitingEvent { get; init; }
    /// <summary>Whether the customer is in the holdout (control) group.</summary>
    public bool Holdout { get; init; }
    /// <summary>The last split variant assigned, visible as <c>enrollment.variant</c>.</summary>
    public string? Variant { get; init; }
    /// <summary>How many times each step has been entered; the occurrence in message ledger keys. Keys in ordinal order whatever
    /// the dictionary given (a deserializer's default comparer is the current culture's: slow, and machine-dependent).</summary>
    public ImmutableSortedDictionary<string, int> Occurrences
    {
        get => _occurrences;
        init => _occurrences = ReferenceEquals(value.KeyComparer, StringComparer.Ordinal) ? value : value.WithComparers(StringComparer.Ordinal);
    }

    private readonly ImmutableSortedDictionary<string, int> _occurrences = NoOccurrences;

    private static readonly ImmutableSortedDictionary<string, int> NoOccurrences = ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal);
    /// <summary>The trigger event (scope value), or the last awaited event once one arrived: <c>event.*</c>.</summary>
    public Value Event { get; init; } = Value.EmptyObject;
    /// <summary>When the goal was reached, if it was.</summary>
    public Instant? GoalReachedAt { get; init; }
    /// <summary>When the enrollment exited.</summary>
    public Instant? ExitedAt { get; init; }
    /// <summary>Why it exited.</summary>
    public string? ExitReason { get; init; }

    /// <summary>A new enrollment, not yet started.</summary>
    public static EnrollmentState Create(string journeyId, int version, string customerId, string key) => new()
    {
        EnrollmentId = EnrollmentIds.For(journeyId, version, customerId, key),
        JourneyId = journeyId,
        JourneyVersion = version,
        CustomerId = customerId,
        Key = key,
    };
}
