using NodaTime;

namespace Engagement.Engine.Tasks;

/// <summary>Work for people created by a <c>task</c> step. Immutable.</summary>
public sealed record HumanTask
{
    /// <summary>Deterministic key (enrollment/step/occurrence); creating twice is harmless.</summary>
    public required string TaskKey { get; init; }
    /// <summary>Customer.</summary>
    public required string CustomerId { get; init; }
    /// <summary>Journey id.</summary>
    public required string Journey { get; init; }
    /// <summary>Step id.</summary>
    public required string Step { get; init; }
    /// <summary>Queue, e.g. care.</summary>
    public required string Queue { get; init; }
    /// <summary>Rendered title.</summary>
    public required string Title { get; init; }
    /// <summary>low, normal, high, urgent.</summary>
    public required string Priority { get; init; }
    /// <summary>Created.</summary>
    public required Instant CreatedAt { get; init; }
    /// <summary>Deadline.</summary>
    public Instant? Due { get; init; }
}
