
namespace Engagement.Engine.Routing;

/// <summary>The router's decision for one message, and the orchestration calls it made. Immutable.</summary>
/// <param name="Outcome">How to settle the message.</param>
/// <param name="Reason">For dead-letters and stale events: what is wrong, naming the field (no personal data).</param>
/// <param name="EventId">The event id, when the body could be read.</param>
/// <param name="Started">Instance ids newly started.</param>
/// <param name="Raised">Instance ids the event was raised to.</param>
/// <param name="Exited">Instance ids asked to exit (unsubscribe, erasure, restart).</param>
public sealed record RouteResult(RouteOutcome Outcome, string? Reason, string? EventId, IReadOnlyList<string> Started, IReadOnlyList<string> Raised, IReadOnlyList<string> Exited)
{
    /// <summary>A dead-letter decision.</summary>
    public static RouteResult DeadLetter(string reason, string? eventId = null) => new(RouteOutcome.DeadLetter, reason, eventId, [], [], []);

    /// <summary>A duplicate.</summary>
    public static RouteResult Duplicate(string eventId) => new(RouteOutcome.Duplicate, null, eventId, [], [], []);

    /// <summary>The dead-letter reason's short form for Service Bus (<c>DeadLetterReason</c>): the field name, or <c>body</c>.</summary>
    public string? ShortReason => Reason is null ? null : Reason.Split(':', 2)[0];
}
