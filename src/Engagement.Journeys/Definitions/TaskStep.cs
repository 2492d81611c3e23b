using NodaTime;

namespace Engagement.Journeys.Definitions;

/// <summary><c>task</c>: work for people (care agents, follow-up calls). Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Queue">Work queue, e.g. <c>care</c>.</param>
/// <param name="Title">Title as a Liquid template, rendered by the engine.</param>
/// <param name="Due">Time allowed, from creation; null means no deadline.</param>
/// <param name="Priority"><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</param>
/// <param name="Next">The next step (tasks do not block the journey).</param>
public sealed record TaskStep(string Id, SourceLocation Location, string Queue, string Title, Period? Due, string Priority, string Next)
    : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override string Kind => StepKinds.Task;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => [Next];
}
