namespace Engagement.Journeys.Runtime;

/// <summary>
/// The exit reasons the product itself writes into <see cref="EnrollmentState.ExitReason"/> and <see cref="Exited"/>; a journey's
/// own <c>exit</c> steps and <c>exitOn</c> rules may name others. Reports, the timeline and stored enrollments carry these exact
/// texts, so renaming one is a data change.
/// </summary>
public static class ExitReasons
{
    /// <summary>An <c>exit</c> step without a <c>reason</c>.</summary>
    public const string Completed = "completed";

    /// <summary>The journey's goal was reached (the goal event matched within its window).</summary>
    public const string Goal = "goal";

    /// <summary>The enrollment outlived the journey's <c>maxDuration</c>.</summary>
    public const string MaxDuration = "maxDuration";

    /// <summary>A wait computed no instant to wake at (for example an impossible local time).</summary>
    public const string InvalidWait = "invalid-wait";

    /// <summary>One Advance passed more steps than the interpreter allows: a loop without a wait.</summary>
    public const string StepLimit = "step-limit";

    /// <summary>A date wait found no date in the profile and the step has no <c>onMissing</c> step.</summary>
    public const string MissingDate = "missing-date";

    /// <summary>Prefix of the default reason of an <c>exitOn</c> rule: <c>exitOn:</c> followed by the event type.</summary>
    public const string ExitOnPrefix = "exitOn:";

    /// <summary>The customer unsubscribed or withdrew consent from a marketing journey's channel.</summary>
    public const string Unsubscribed = "unsubscribed";

    /// <summary>The customer's personal data was erased; the enrollment is scrubbed.</summary>
    public const string Erased = "erased";

    /// <summary>A <c>restart</c> journey's trigger arrived again: the active enrollment ends and a new one starts.</summary>
    public const string Restarted = "restarted";

    /// <summary>An exit request that named no reason.</summary>
    public const string ExitRequested = "exit-requested";

    /// <summary>The default reason of an <c>exitOn</c> rule for event type <paramref name="eventType"/>.</summary>
    public static string ExitOn(string eventType) => ExitOnPrefix + eventType;
}
