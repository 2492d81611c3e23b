namespace Engagement.Journeys.Definitions;

/// <summary>One arm of a <see cref="SplitStep"/>. Immutable.</summary>
/// <param name="Name">Variant name, visible as <c>enrollment.variant</c>.</param>
/// <param name="Weight">Relative weight (positive).</param>
/// <param name="Next">Where this variant goes.</param>
public sealed record SplitVariant(string Name, int Weight, string Next);
