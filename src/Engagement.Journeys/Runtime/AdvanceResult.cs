using System.Collections.Immutable;

namespace Engagement.Journeys.Runtime;

/// <summary>The outcome of one Advance: the next state and the effects, in the order they happened. Immutable.</summary>
/// <param name="State">The new state.</param>
/// <param name="Effects">Effects in order.</param>
public sealed record AdvanceResult(EnrollmentState State, ImmutableArray<Effect> Effects);
