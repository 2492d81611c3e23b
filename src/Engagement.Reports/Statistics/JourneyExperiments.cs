using Engagement.Journeys.Definitions;
using Engagement.Reports.Facts;

namespace Engagement.Reports.Statistics;

/// <summary>A journey's holdout comparison and its split (A/B) comparisons. Immutable.</summary>
/// <param name="Holdout">Treated against holdout, when the journey has a holdout.</param>
/// <param name="Variants">Per split variant (treated customers only): each later variant against the split's first one.</param>
/// <param name="VariantRates">Every variant's goal rate, the first (the control) included.</param>
public sealed record JourneyExperiments(UpliftResult? Holdout, IReadOnlyList<UpliftResult> Variants, IReadOnlyList<GroupRate> VariantRates)
{
    /// <summary>Whether there is anything to show.</summary>
    public bool Any => Holdout is not null || VariantRates.Count > 0;

    /// <summary>The comparisons of a journey version over the facts' period.</summary>
    public static JourneyExperiments Of(JourneyDefinition d, ReportFacts facts)
    {
        var mine = facts.Of(d.Id, d.Version).ToList();
        long Sum(Func<ReportFactKey, bool> where) => mine.Where(f => where(f.Key)).Sum(f => f.Count);
        UpliftResult? holdout = null;
        if (d.Holdout > 0)
        {
            var treated = new GroupRate("treated", Sum(k => k.Kind == "entered" && !k.Holdout), Sum(k => k.Kind == "goal" && !k.Holdout));
            var control = new GroupRate("holdout", Sum(k => k.Kind == "entered" && k.Holdout), Sum(k => k.Kind == "goal" && k.Holdout));
            holdout = ProportionStatistics.Compare(treated, control);
        }

        var rates = new List<GroupRate>();
        var comparisons = new List<UpliftResult>();
        foreach (var split in d.Steps.Values.OfType<SplitStep>().OrderBy(s => s.Location.Line))
        {
            var arms = split.Variants.Select(v => new GroupRate(v.Name,
                Sum(k => k.Kind == "assigned" && k.Step == split.Id && k.Variant == v.Name && !k.Holdout),
                Sum(k => k.Kind == "goal" && k.Variant == v.Name && !k.Holdout))).ToList();
            rates.AddRange(arms);
            comparisons.AddRange(arms.Skip(1).Select(a => ProportionStatistics.Compare(a, arms[0])));
        }

        return new JourneyExperiments(holdout, comparisons, rates);
    }
}
