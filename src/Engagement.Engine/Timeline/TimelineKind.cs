namespace Engagement.Engine.Timeline;

/// <summary>The kinds of timeline entries (written lower-case in JSON Lines).</summary>
public enum TimelineKind
{
    /// <summary>A customer entered a journey.</summary>
    Entered,
    /// <summary>A message was handed to a channel.</summary>
    Sent,
    /// <summary>A message was not sent (reason: holdout, no-consent, quiet-hours, frequency-cap, a suppression rule name, ...).</summary>
    Suppressed,
    /// <summary>A message was moved to a later time (quiet hours); <c>detail</c> holds the new time.</summary>
    Deferred,
    /// <summary>A provider refused a message permanently.</summary>
    Failed,
    /// <summary>A task for people was created.</summary>
    Task,
    /// <summary>An event was emitted.</summary>
    Emitted,
    /// <summary>A profile was updated by a journey.</summary>
    Updated,
    /// <summary>The journey's goal was reached.</summary>
    Goal,
    /// <summary>An enrollment ended.</summary>
    Exited,
    /// <summary>An input event was rejected (reason says why and which field).</summary>
    Rejected,
    /// <summary>A customer left a wait, waitForEvent or branch step: <c>reason</c> says how (<c>elapsed</c>, <c>event</c>,
    /// <c>timeout</c>, <c>missing-date</c>, <c>case-N</c>, <c>otherwise</c>), <c>detail</c> names the next step.</summary>
    Passed,
    /// <summary>A split assigned the enrollment a variant (<c>variant</c>); <c>detail</c> names the variant's next step.</summary>
    Assigned,
}
