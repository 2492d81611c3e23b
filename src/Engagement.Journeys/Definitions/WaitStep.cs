namespace Engagement.Journeys.Definitions;

/// <summary><c>wait</c>: hold the enrollment until a computed instant. Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Schedule">How the wake-up time is computed.</param>
/// <param name="Next">The next step.</param>
public sealed record WaitStep(string Id, SourceLocation Location, WaitSchedule Schedule, string Next) : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override string Kind => StepKinds.Wait;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors =>
        Schedule is DateWait { OnMissing: { } missing } ? [Next, missing] : [Next];

    /// <inheritdoc/>
    public override bool Waits => true;
}
