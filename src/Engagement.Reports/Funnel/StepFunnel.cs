namespace Engagement.Reports.Funnel;

/// <summary>What happened at one step over the report's period (treated and holdout together). Immutable.</summary>
/// <param name="StepId">Step id.</param>
/// <param name="Type">Step type as written in the journey (<c>send</c>, <c>wait</c>, ...).</param>
/// <param name="Entered">Times customers arrived at the step (see docs/reports.md: journey entries at the start step plus the flow
/// of every edge into it).</param>
/// <param name="Proceeded">Times customers went on to a next step.</param>
/// <param name="Sent">Messages handed to a channel, by channel.</param>
/// <param name="Recipients">Distinct customers sent a message.</param>
/// <param name="Suppressed">Messages not sent, by reason (holdout, no-consent, quiet-hours, frequency-cap, ...).</param>
/// <param name="Deferred">Messages moved to a later time.</param>
/// <param name="Failed">Messages a provider refused, by reason.</param>
/// <param name="Tasks">Tasks created for people.</param>
/// <param name="Exited">Enrollments that ended here, by reason.</param>
/// <param name="Goals">Goals reached while at the step.</param>
/// <param name="Delivery">Delivery reports about the step's messages; null when there are none (always for a simulation).</param>
public sealed record StepFunnel(
    string StepId, string Type, long Entered, long Proceeded, IReadOnlyDictionary<string, long> Sent, long Recipients,
    IReadOnlyDictionary<string, long> Suppressed, long Deferred, IReadOnlyDictionary<string, long> Failed, long Tasks,
    IReadOnlyDictionary<string, long> Exited, long Goals, Facts.DeliveryCounts? Delivery = null)
{
    /// <summary>All messages sent.</summary>
    public long SentTotal => Sent.Values.Sum();

    /// <summary>All messages suppressed.</summary>
    public long SuppressedTotal => Suppressed.Values.Sum();

    /// <summary>All provider failures.</summary>
    public long FailedTotal => Failed.Values.Sum();

    /// <summary>All exits.</summary>
    public long ExitedTotal => Exited.Values.Sum();
}
