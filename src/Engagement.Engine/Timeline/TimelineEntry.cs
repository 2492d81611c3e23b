using NodaTime;

namespace Engagement.Engine.Timeline;

/// <summary>
/// One line of the timeline: what happened to whom, where and why. The product's record, written by simulate as JSON Lines
/// and counted in reports. Never holds contact details. Immutable.
/// </summary>
public sealed record TimelineEntry
{
    /// <summary>When (UTC).</summary>
    public required Instant At { get; init; }
    /// <summary>What happened.</summary>
    public required TimelineKind Kind { get; init; }
    /// <summary>The customer (null for rejected lines without one).</summary>
    public string? CustomerId { get; init; }
    /// <summary>Journey id.</summary>
    public string? Journey { get; init; }
    /// <summary>Journey version.</summary>
    public int? Version { get; init; }
    /// <summary>Step id.</summary>
    public string? Step { get; init; }
    /// <summary>Channel actually used or attempted.</summary>
    public string? Channel { get; init; }
    /// <summary>Template id.</summary>
    public string? Template { get; init; }
    /// <summary>Locale rendered.</summary>
    public string? Locale { get; init; }
    /// <summary>Split variant, if any.</summary>
    public string? Variant { get; init; }
    /// <summary>Why (suppression, exit, rejection reasons).</summary>
    public string? Reason { get; init; }
    /// <summary>A <c>task</c> entry's priority as the step wrote it (for example <c>high</c>); null on other kinds. Until the
    /// timeline change described in docs/reports.md it was written into <see cref="Reason"/>.</summary>
    public string? Priority { get; init; }
    /// <summary>Extra detail: deferred-until time, task queue, emitted event type, goal event, input line number.</summary>
    public string? Detail { get; init; }
    /// <summary>Whether the enrollment is in the holdout group.</summary>
    public bool? Holdout { get; init; }
    /// <summary>The enrollment id.</summary>
    public string? EnrollmentId { get; init; }
}
