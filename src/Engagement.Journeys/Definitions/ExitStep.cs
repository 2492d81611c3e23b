namespace Engagement.Journeys.Definitions;

/// <summary><c>exit</c>: the enrollment ends. Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Reason">Exit reason recorded; default <c>completed</c>.</param>
public sealed record ExitStep(string Id, SourceLocation Location, string Reason) : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override string Kind => StepKinds.Exit;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => [];
}
