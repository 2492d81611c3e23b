using System.Collections.Immutable;

namespace Engagement.Journeys.Definitions;

/// <summary><c>branch</c>: the first true case wins, else <see cref="Otherwise"/>. Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Cases">Cases in order.</param>
/// <param name="Otherwise">Step when no case is true.</param>
public sealed record BranchStep(string Id, SourceLocation Location, ImmutableArray<BranchCase> Cases, string Otherwise) : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override string Kind => StepKinds.Branch;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => Cases.Select(c => c.Next).Append(Otherwise);
}
