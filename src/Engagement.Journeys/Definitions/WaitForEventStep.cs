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
    /// <inheritdoc/>
    public override IEnumerable<string> Successors => [Next, OnTimeout];

    /// <inheritdoc/>
    public override bool Waits => true;
}
