using System.Collections.Immutable;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// What the host must do (or record) after Advance. Immutable. The core decides; hosts only move data and time.
/// </summary>
/// <remarks>Every concrete effect is listed in this file; hosts handle each one explicitly (a test enumerates them), and
/// <see cref="IsSideEffect"/> is abstract, so a new effect must say whether it acts outside the enrollment.</remarks>
/// <param name="StepId">The step that produced it (null for journey-level effects such as exitOn).</param>
public abstract record Effect(string? StepId)
{
    /// <summary>True when carrying it out acts outside the enrollment (a message, a task, a profile change, an event), so a
    /// durable host applies it before the enrollment waits again rather than with a later batch.</summary>
    [JsonIgnore]
    public abstract bool IsSideEffect { get; }
}

/// <summary>The customer entered. Timeline kind <c>entered</c>.</summary>
public sealed record Entered(string StepId, bool Holdout) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>A split assigned a variant (sticky). Timeline kind <c>assigned</c>.</summary>
public sealed record VariantAssigned(string StepId, string Variant) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>Send one message through the delivery guards. Timeline kinds <c>sent</c>, <c>suppressed</c>, <c>deferred</c> or <c>failed</c>, decided by the engine.</summary>
/// <param name="StepId">The send step.</param>
/// <param name="Channel">email, sms, push or preferred.</param>
/// <param name="Template">Template id.</param>
/// <param name="Fallback">Fallback channels in order.</param>
/// <param name="Occurrence">How many times this step has been entered in this enrollment (1-based).</param>
/// <param name="LedgerKey"><c>enrollmentId/stepId/occurrence</c>: reserved before any provider call so nothing is sent twice.</param>
public sealed record SendMessage(string StepId, string Channel, string Template, ImmutableArray<string> Fallback, int Occurrence, string LedgerKey) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => true;
}

/// <summary>A message not sent by the core's own rules (holdout). Timeline kind <c>suppressed</c>.</summary>
public sealed record MessageWithheld(string StepId, string Channel, string Template, string Reason) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>Wake the enrollment at <paramref name="At"/> with a <see cref="TimerFired"/> whose DueAt is that instant.</summary>
public sealed record ScheduleWakeUp(string StepId, Instant At) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>Route events of type <paramref name="EventType"/> of this customer to the enrollment until <paramref name="Until"/>. This effect alone also asks the host to schedule the timeout wake-up at <paramref name="Until"/> (no separate <see cref="ScheduleWakeUp"/>).</summary>
public sealed record AwaitEvent(string StepId, string EventType, Instant Until) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>The decision needs the profile: call Advance again with the same stimulus and the profile attached. State is unchanged.</summary>
public sealed record ProfileRequested(string? StepId) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>Create a task for people. Timeline kind <c>task</c>.</summary>
/// <param name="StepId">The task step.</param>
/// <param name="Queue">Queue.</param>
/// <param name="TitleTemplate">Liquid title, rendered by the engine with profile, event and enrollment.</param>
/// <param name="Due">Deadline, if any.</param>
/// <param name="Priority">low, normal, high, urgent.</param>
/// <param name="TaskKey">Deterministic idempotency key, like a ledger key.</param>
public sealed record CreateTask(string StepId, string Queue, string TitleTemplate, Instant? Due, string Priority, string TaskKey) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => true;
}

/// <summary>Apply attribute and tag changes to the profile.</summary>
public sealed record UpdateProfile(string StepId, ImmutableSortedDictionary<string, Value> Set, ImmutableArray<string> AddTags, ImmutableArray<string> RemoveTags) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => true;
}

/// <summary>Emit an event (chains journeys). Timeline kind <c>emitted</c>. <paramref name="EventId"/> is deterministic.</summary>
public sealed record EmitEvent(string StepId, string EventId, string Type, Value Data) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => true;
}

/// <summary>The journey's goal was reached. Timeline kind <c>goal</c>.</summary>
public sealed record GoalReached(string? StepId, string EventType) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>The enrollment ended. Timeline kind <c>exited</c>. Hosts cancel pending timers and event waits.</summary>
public sealed record Exited(string? StepId, string Reason) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}

/// <summary>The enrollment left a wait, waitForEvent or branch step for <paramref name="Next"/>. Timeline kind <c>passed</c>.</summary>
/// <param name="StepId">The step left.</param>
/// <param name="Next">The step gone to.</param>
/// <param name="Via">Why: <c>elapsed</c> (a wait's time came), <c>event</c> (the awaited event arrived), <c>timeout</c>,
/// <c>missing-date</c> (a date wait's <c>onMissing</c>), <c>case-N</c> (the N-th branch case, 1-based) or <c>otherwise</c>.</param>
public sealed record StepPassed(string StepId, string Next, string Via) : Effect(StepId)
{
    /// <inheritdoc/>
    public override bool IsSideEffect => false;
}
