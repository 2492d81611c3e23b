namespace Engagement.Benchmarks.WholeProcess;

/// <summary>Nearest-rank percentiles of sorted samples.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..100) of <paramref name="sorted"/> (ascending, not empty).</summary>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
