namespace Engagement.Engine.Routing;

/// <summary>What the router did with a message; the host settles the message accordingly.</summary>
public enum RouteOutcome
{
    /// <summary>Processed: complete the message.</summary>
    Routed,
    /// <summary>An event id seen before: nothing happened; complete the message.</summary>
    Duplicate,
    /// <summary>Processed only as far as the out-of-order rule allows (see <see cref="EventOrdering"/>): complete the message.</summary>
    Stale,
    /// <summary>Unusable (malformed, wrong session, delivered too often): dead-letter it with <see cref="RouteResult.Reason"/>.</summary>
    DeadLetter,
}
