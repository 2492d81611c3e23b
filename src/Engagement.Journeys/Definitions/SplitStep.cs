using System.Collections.Immutable;

namespace Engagement.Journeys.Definitions;

/// <summary><c>split</c>: a sticky, deterministic A/B split per (journey, customer, step). Immutable; construction rejects a
/// split without variants (the parser reports it for files; code-built definitions fail here instead of inside the interpreter).</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Variants">Arms with weights; at least one.</param>
public sealed record SplitStep(string Id, SourceLocation Location, ImmutableArray<SplitVariant> Variants) : StepDefinition(Id, Location)
{
    /// <summary>Arms with weights; at least one.</summary>
    public ImmutableArray<SplitVariant> Variants { get; init => field = Checked(Id, value); } = Checked(Id, Variants);

    /// <inheritdoc/>
    public override string Kind => StepKinds.Split;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => Variants.Select(v => v.Next);

    private static ImmutableArray<SplitVariant> Checked(string id, ImmutableArray<SplitVariant> variants) => variants.IsDefaultOrEmpty
        ? throw new ArgumentException($"split step '{id}' needs at least one variant", nameof(Variants))
        : variants;
}
