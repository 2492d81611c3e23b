using NodaTime;

namespace Engagement.Engine.Tasks;

/// <summary>Work for people created by a <c>task</c> step. Immutable.</summary>
public sealed record HumanTask
{
    /// <summary>Deterministic key (enrollment/step/occurrence); creating twice is harmless.</summary>
    public required string TaskKey { get; init; }
    /// <summary>The customer the task is about (never their contact details; the title is rendered from the profile).</summary>
    public required string CustomerId { get; init; }
    /// <summary>The journey whose task step created it.</summary>
    public required string Journey { get; init; }
    /// <summary>The task step, so a queue can tell tasks of the same journey apart.</summary>
    public required string Step { get; init; }
    /// <summary>The work queue the task goes to (the step's <c>queue</c>, e.g. <c>care</c>); GET /tasks filters by it.</summary>
    public required string Queue { get; init; }
    /// <summary>The step's Liquid title rendered with profile, event and enrollment; redacted on erasure.</summary>
    public required string Title { get; init; }
    /// <summary>The step's priority as written: <c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</summary>
    public required string Priority { get; init; }
    /// <summary>When the task step ran (the stimulus time, virtual under simulate).</summary>
    public required Instant CreatedAt { get; init; }
    /// <summary>Creation time plus the step's <c>due</c> period; null when the step sets none. Overdue tasks are flagged by GET /tasks.</summary>
    public Instant? Due { get; init; }
}
