using System.Collections.Immutable;

namespace Engagement.Journeys.Definitions;

/// <summary><c>split</c>: a sticky, deterministic A/B split per (journey, customer, step). Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Variants">Arms with weights.</param>
public sealed record SplitStep(string Id, SourceLocation Location, ImmutableArray<SplitVariant> Variants) : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override IEnumerable<string> Successors => Variants.Select(v => v.Next);
}
