using System.Collections.Immutable;
using Engagement.Journeys.Expressions;

namespace Engagement.Journeys.Definitions;

/// <summary><c>update</c>: change profile attributes and tags, optionally emit an event. Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Set">Attributes to set, each an expression (a literal is an expression too).</param>
/// <param name="AddTags">Tags to add.</param>
/// <param name="RemoveTags">Tags to remove.</param>
/// <param name="Emit">Event to emit, if any.</param>
/// <param name="Next">The next step.</param>
public sealed record UpdateStep(
    string Id,
    SourceLocation Location,
    ImmutableDictionary<string, Expression> Set,
    ImmutableArray<string> AddTags,
    ImmutableArray<string> RemoveTags,
    EmitDefinition? Emit,
    string Next) : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override string Kind => StepKinds.Update;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => [Next];
}
