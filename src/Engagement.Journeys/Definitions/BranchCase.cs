using Engagement.Journeys.Expressions;

namespace Engagement.Journeys.Definitions;

/// <summary>One case of a <see cref="BranchStep"/>. Immutable.</summary>
/// <param name="When">The condition.</param>
/// <param name="Next">Where to go when it is true.</param>
public sealed record BranchCase(Expression When, string Next);
