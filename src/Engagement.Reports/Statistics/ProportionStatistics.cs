using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Engagement.Reports.Statistics;

/// <summary>
/// Two-proportion statistics with MathNet.Numerics' normal distribution: Wilson score intervals, Newcombe's hybrid score
/// interval for a difference, Katz's log interval for a ratio, the pooled z-test, and the Fleiss sample size. Pure; never
/// divides by zero (an undefined quantity is null). Formulas: docs/reports.md.
/// </summary>
public static class ProportionStatistics
{
    /// <summary>Two-sided significance level.</summary>
    public const double Alpha = 0.05;

    /// <summary>Power for the sample size.</summary>
    public const double Power = 0.80;

    private static readonly double Z = Normal.InvCDF(0, 1, 1 - Alpha / 2);
    private static readonly double ZPower = Normal.InvCDF(0, 1, Power);

    /// <summary>Wilson score interval of x/n at 95%; [0, 1] for n = 0.</summary>
    public static Interval Wilson(long x, long n)
    {
        if (n <= 0)
        {
            return new Interval(0, 1);
        }

        var p = (double)x / n;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At x = 0 and x = n the bound is exactly 0 or 1; computed, it can miss by a rounding error and leave out p itself.
        return new Interval(x == 0 ? 0 : Math.Max(0, centre - half), x == n ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>Newcombe's hybrid score interval (his method 10) for p1 − p0; null when a group is empty.</summary>
    public static Interval? DifferenceInterval(long x1, long n1, long x0, long n0)
    {
        if (n1 <= 0 || n0 <= 0)
        {
            return null;
        }

        double p1 = (double)x1 / n1, p0 = (double)x0 / n0, d = p1 - p0;
        var w1 = Wilson(x1, n1);
        var w0 = Wilson(x0, n0);
        var low = d - Math.Sqrt(Square(p1 - w1.Low) + Square(w0.High - p0));
        var high = d + Math.Sqrt(Square(w1.High - p1) + Square(p0 - w0.Low));
        return new Interval(low, high);
    }

    /// <summary>Katz's log interval for the ratio p1 / p0; null when either group has no events (the log is undefined).</summary>
    public static Interval? RatioInterval(long x1, long n1, long x0, long n0)
    {
        if (x1 <= 0 || x0 <= 0 || n1 <= 0 || n0 <= 0)
        {
            return null;
        }

        var ratio = ((double)x1 / n1) / ((double)x0 / n0);
        var se = Math.Sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x0 - 1.0 / n0);
        return new Interval(ratio * Math.Exp(-Z * se), ratio * Math.Exp(Z * se));
    }

    /// <summary>Two-sided p-value of the pooled two-proportion z-test; null when a group is empty; 1 when nothing varies (all or no goals in both).</summary>
    public static double? PValue(long x1, long n1, long x0, long n0)
    {
        if (n1 <= 0 || n0 <= 0)
        {
            return null;
        }

        var pooled = (double)(x1 + x0) / (n1 + n0);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0));
        if (se == 0)
        {
            return 1;
        }

        var z = ((double)x1 / n1 - (double)x0 / n0) / se;
        return 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
    }

    /// <summary>Customers per group to detect rates p1 and p0 (two-sided α = 0.05, power 80%, Fleiss without continuity correction); null when equal.</summary>
    public static long? RequiredPerGroup(double p1, double p0)
    {
        if (Math.Abs(p1 - p0) < 1e-12)
        {
            return null;
        }

        var mean = (p1 + p0) / 2;
        var a = Z * Math.Sqrt(2 * mean * (1 - mean));
        var b = ZPower * Math.Sqrt(p1 * (1 - p1) + p0 * (1 - p0));
        return (long)Math.Ceiling(Square(a + b) / Square(p1 - p0));
    }

    /// <summary>The full comparison of <paramref name="group"/> against <paramref name="control"/>.</summary>
    public static UpliftResult Compare(GroupRate group, GroupRate control)
    {
        var d = group.Rate - control.Rate;
        var ratio = RatioInterval(group.Goals, group.Customers, control.Goals, control.Customers);
        var p = PValue(group.Goals, group.Customers, control.Goals, control.Customers);
        var required = group.Customers > 0 && control.Customers > 0 ? RequiredPerGroup(group.Rate, control.Rate) : null;
        return new UpliftResult(group, control, d,
            DifferenceInterval(group.Goals, group.Customers, control.Goals, control.Customers),
            control.Customers > 0 && control.Goals > 0 && group.Customers > 0 ? group.Rate / control.Rate - 1 : null,
            ratio is { } r ? new Interval(r.Low - 1, r.High - 1) : null,
            p, required, Verdict(group, control, d, p, required));
    }

    private static string Verdict(GroupRate group, GroupRate control, double d, double? p, long? required)
    {
        if (group.Customers == 0 || control.Customers == 0)
        {
            return $"no customers in the {(group.Customers == 0 ? group.Name : control.Name)} group yet: nothing to compare";
        }

        var pp = (Math.Abs(d) * 100).ToString("0.0", CultureInfo.InvariantCulture);
        var pText = p!.Value < 0.0001 ? "p < 0.0001" : "p = " + p.Value.ToString("0.0000", CultureInfo.InvariantCulture);
        if (p.Value < Alpha)
        {
            return $"{group.Name} converts {pp} percentage points {(d > 0 ? "higher" : "lower")} than {control.Name} ({pText}): a real difference at α = 0.05";
        }

        if (required is null)
        {
            return $"no difference observed ({group.Name} and {control.Name} convert at the same rate)";
        }

        var smaller = Math.Min(group.Customers, control.Customers);
        if (smaller < required.Value)
        {
            var more = required.Value - smaller;
            return $"not enough customers yet: {more.ToString("N0", CultureInfo.InvariantCulture)} more per group needed to detect the observed uplift at α = 0.05 with 80% power ({pText})";
        }

        return $"no significant difference ({pText}) although both groups are large enough to detect the observed uplift with 80% power";
    }

    private static double Square(double x) => x * x;
}
