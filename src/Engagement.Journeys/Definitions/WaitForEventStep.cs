using Engagement.Journeys.Expressions;
using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary><c>waitForEvent</c>: hold until a matching event or the timeout. The event is visible as <c>event.*</c> afterwards. Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Event">Awaited event type.</param>
/// <param name="Match">Optional condition the event must meet (e.g. <c>event.complaintId == enrollment.key</c>).</param>
/// <param name="Timeout">Required timeout.</param>
/// <param name="Next">Step after the event.</param>
/// <param name="OnTimeout">Step after the timeout.</param>
public sealed record WaitForEventStep(string Id, SourceLocation Location, string Event, Expression? Match, Period Timeout, string Next, string OnTimeout)
    : StepDefinition(Id, Location)
{
    /// <summary>
    /// Optional service-level deadline in working days by a holiday calendar, counted from the enrollment's ENTRY (e.g. "resolved
    /// within 3 working days of the complaint"): <c>"timeout": { "workingDays": 3, "calendar": "cn" }</c>. When set it replaces
    /// <see cref="Timeout"/>; a deadline already past on arrival times out at once.
    /// </summary>
    public WorkingDaysWait? WorkingDaysTimeout { get; init; }

    /// <inheritdoc/>
    public override string Kind => StepKinds.WaitForEvent;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => [Next, OnTimeout];

    /// <inheritdoc/>
    public override bool Waits => true;
}
