namespace Engagement.Journeys.Definitions;

/// <summary>One arm of a <see cref="SplitStep"/>. Immutable; construction rejects a weight below 1.</summary>
/// <param name="Name">Variant name, visible as <c>enrollment.variant</c>.</param>
/// <param name="Weight">Relative weight, at least 1.</param>
/// <param name="Next">Where this variant goes.</param>
public sealed record SplitVariant(string Name, int Weight, string Next)
{
    /// <summary>Relative weight, at least 1.</summary>
    public int Weight { get; init => field = Checked(Name, value); } = Checked(Name, Weight);

    private static int Checked(string name, int weight) => weight >= 1
        ? weight
        : throw new ArgumentOutOfRangeException(nameof(Weight), weight, $"split variant '{name}' needs a weight of at least 1");
}
