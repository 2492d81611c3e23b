namespace Engagement.Reports.Statistics;

/// <summary>A confidence interval. Immutable.</summary>
/// <param name="Low">Lower end.</param>
/// <param name="High">Upper end.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>Whether <paramref name="x"/> lies inside (ends included).</summary>
    public bool Contains(double x) => Low <= x && x <= High;
}
