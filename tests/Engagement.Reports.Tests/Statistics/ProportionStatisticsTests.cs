using Engagement.Reports.Statistics;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.Distributions;

namespace Engagement.Reports.Tests.Statistics;

/// <summary>The statistics against published worked examples, and their properties.</summary>
public sealed class ProportionStatisticsTests
{
    [Fact]
    public void Wilson_NewcombeExample81Of263_MatchesThePublishedInterval()
    {
        // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857-872, Table I: 81/263, score method.
        var ci = ProportionStatistics.Wilson(81, 263);
        Assert.Equal(0.2553, ci.Low, 4);
        Assert.Equal(0.3662, ci.High, 4);
    }

    [Fact]
    public void DifferenceInterval_NewcombeExample56Of70Versus48Of80_MatchesMethod10()
    {
        // Newcombe (1998), "Interval estimation for the difference between independent proportions", Stat Med 17:873-890, Table II, method 10.
        var ci = ProportionStatistics.DifferenceInterval(56, 70, 48, 80)!.Value;
        Assert.Equal(0.0524, ci.Low, 4);
        Assert.Equal(0.3339, ci.High, 4);
    }

    [Fact]
    public void RequiredPerGroup_TenVersusFifteenPercent_Is686()
    {
        // Fleiss, Statistical Methods for Rates and Proportions: p1 = 0.10, p2 = 0.15, two-sided alpha 0.05, power 80%, no continuity correction.
        Assert.Equal(686, ProportionStatistics.RequiredPerGroup(0.15, 0.10));
    }

    [Fact]
    public void RatioInterval_HandComputedKatzExample_Matches()
    {
        // 30/100 vs 20/100: RR 1.5, SE(ln RR) = sqrt(1/30 - 1/100 + 1/20 - 1/100) = 0.251661, CI 1.5 * exp(-/+1.959964 * 0.251661) = [0.9160, 2.4564].
        var ci = ProportionStatistics.RatioInterval(30, 100, 20, 100)!.Value;
        Assert.Equal(0.9160, ci.Low, 4);
        Assert.Equal(2.4564, ci.High, 4);
    }

    [Fact]
    public void PValue_HandComputedExample_Matches()
    {
        // 30/100 vs 20/100: pooled 0.25, SE = sqrt(0.25 * 0.75 * 0.02) = 0.061237, z = 1.63299, p = 0.10247.
        Assert.Equal(0.10247, ProportionStatistics.PValue(30, 100, 20, 100)!.Value, 5);
    }

    [Fact]
    public void Compare_SmallSample_SaysHowManyMoreCustomersAreNeeded()
    {
        var r = ProportionStatistics.Compare(new GroupRate("treated", 100, 15), new GroupRate("holdout", 100, 10));
        Assert.Equal(686, r.RequiredPerGroup);
        Assert.StartsWith("not enough customers yet: 586 more per group needed to detect the observed uplift at α = 0.05 with 80% power", r.Verdict);
    }

    [Fact]
    public void Compare_LargeDifference_IsCalledReal()
    {
        var r = ProportionStatistics.Compare(new GroupRate("B", 2000, 400), new GroupRate("A", 2000, 300));
        Assert.True(r.PValue < 0.05);
        Assert.Contains("higher than A", r.Verdict);
        Assert.True(r.AbsoluteInterval!.Value.Low > 0);
    }

    [Fact]
    public void Compare_EmptyAndZeroGroups_GiveNoNumbersThatAreNotNumbers()
    {
        foreach (var (a, b) in new[] { (new GroupRate("t", 0, 0), new GroupRate("h", 0, 0)), (new GroupRate("t", 5, 0), new GroupRate("h", 3, 0)), (new GroupRate("t", 1, 1), new GroupRate("h", 1, 0)), (new GroupRate("t", 4, 4), new GroupRate("h", 4, 4)) })
        {
            var r = ProportionStatistics.Compare(a, b);
            Assert.False(double.IsNaN(r.Absolute));
            foreach (var x in new[] { r.AbsoluteInterval?.Low, r.AbsoluteInterval?.High, r.Relative, r.RelativeInterval?.Low, r.RelativeInterval?.High, r.PValue })
            {
                Assert.True(x is null || double.IsFinite(x.Value), $"{a} vs {b}: {x}");
            }

            Assert.NotEmpty(r.Verdict);
        }
    }

    private static Gen<(long X1, long N1, long X0, long N0)> Groups =>
        from n1 in Gen.Choose(1, 5000)
        from x1 in Gen.Choose(0, n1)
        from n0 in Gen.Choose(1, 5000)
        from x0 in Gen.Choose(0, n0)
        select ((long)x1, (long)n1, (long)x0, (long)n0);

    [Theory]
    [InlineData(5, 5)]
    [InlineData(0, 7)]
    [InlineData(2512, 2512)]
    public void Wilson_AllOrNone_ReachesTheBoundExactly(long x, long n)
    {
        var interval = ProportionStatistics.Wilson(x, n);

        Assert.True(interval.Contains((double)x / n), $"{interval} for {x}/{n}");
        Assert.Equal(x == 0 ? 0 : 1, x == 0 ? interval.Low : interval.High);
    }

    [Fact]
    public void Intervals_ContainTheirPointEstimates() =>
        Prop.ForAll(Groups.ToArbitrary(), g =>
        {
            var d = (double)g.X1 / g.N1 - (double)g.X0 / g.N0;
            var ok = ProportionStatistics.DifferenceInterval(g.X1, g.N1, g.X0, g.N0)!.Value.Contains(d) && ProportionStatistics.Wilson(g.X1, g.N1).Contains((double)g.X1 / g.N1);
            var ratio = ProportionStatistics.RatioInterval(g.X1, g.N1, g.X0, g.N0);
            return ok && (ratio is null || ratio.Value.Contains(((double)g.X1 / g.N1) / ((double)g.X0 / g.N0) * (1 - 1e-12)) || ratio.Value.Contains(((double)g.X1 / g.N1) / ((double)g.X0 / g.N0)));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Swapping_TheGroups_MirrorsTheIntervalAndKeepsThePValue() =>
        Prop.ForAll(Groups.ToArbitrary(), g =>
        {
            var ab = ProportionStatistics.DifferenceInterval(g.X1, g.N1, g.X0, g.N0)!.Value;
            var ba = ProportionStatistics.DifferenceInterval(g.X0, g.N0, g.X1, g.N1)!.Value;
            var p1 = ProportionStatistics.PValue(g.X1, g.N1, g.X0, g.N0)!.Value;
            var p2 = ProportionStatistics.PValue(g.X0, g.N0, g.X1, g.N1)!.Value;
            return Math.Abs(ab.Low + ba.High) < 1e-9 && Math.Abs(ab.High + ba.Low) < 1e-9 && Math.Abs(p1 - p2) < 1e-12;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void PValue_EqualsPearsonChiSquaredWithoutCorrection() =>
        Prop.ForAll(Groups.ToArbitrary(), g =>
        {
            var p = ProportionStatistics.PValue(g.X1, g.N1, g.X0, g.N0)!.Value;
            double[] observed = [g.X1, g.N1 - g.X1, g.X0, g.N0 - g.X0];
            double n = g.N1 + g.N0, events = g.X1 + g.X0, none = n - events;
            if (events == 0 || none == 0)
            {
                return p == 1;
            }

            double[] expected = [g.N1 * events / n, g.N1 * none / n, g.N0 * events / n, g.N0 * none / n];
            var chi = observed.Zip(expected, (o, e) => (o - e) * (o - e) / e).Sum();
            return Math.Abs(p - (1 - ChiSquared.CDF(1, chi))) < 1e-9;
        }).QuickCheckThrowOnFailure();
}
