using NodaTime;

namespace Engagement.Engine.Timeline;

/// <summary>
/// One line of the timeline: what happened to whom, where and why. The product's record, written by simulate as JSON Lines
/// and counted in reports. Never holds contact details. Immutable.
/// </summary>
public sealed record TimelineEntry
{
    /// <summary>When it happened, in virtual time under simulate; reports bucket entries by its UTC day.</summary>
    public required Instant At { get; init; }
    /// <summary>What happened; decides which of the other fields are set (see <see cref="TimelineKind"/>).</summary>
    public required TimelineKind Kind { get; init; }
    /// <summary>The customer (null for rejected lines without one).</summary>
    public string? CustomerId { get; init; }
    /// <summary>The journey the entry belongs to; null only on <c>rejected</c> input lines.</summary>
    public string? Journey { get; init; }
    /// <summary>The journey version the enrollment runs (enrollments keep their version when a new one is published).</summary>
    public int? Version { get; init; }
    /// <summary>The step that produced the entry (for <c>passed</c>: the step left).</summary>
    public string? Step { get; init; }
    /// <summary>Channel actually used or attempted.</summary>
    public string? Channel { get; init; }
    /// <summary>The template of a message entry, without channel and locale suffixes.</summary>
    public string? Template { get; init; }
    /// <summary>The locale the template was rendered in, after falling back to the journey default.</summary>
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
    /// <summary>Ties the entry to one enrollment, so repeated entries of a customer into a journey stay apart.</summary>
    public string? EnrollmentId { get; init; }
}
