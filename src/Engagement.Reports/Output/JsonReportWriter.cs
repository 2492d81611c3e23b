using System.Text.Json;
using Engagement.Reports.Statistics;

namespace Engagement.Reports.Output;

/// <summary>The report as JSON: period, KPIs, and per journey its steps, arrows, days and statistics (camelCase, nulls kept).</summary>
public static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The document.</summary>
    public static string Write(ReportDocument report) => JsonSerializer.Serialize(new
    {
        source = report.Source,
        from = report.Period.From is { } f ? Facts.ReportPeriod.Text(f) : null,
        to = report.Period.To is { } t ? Facts.ReportPeriod.Text(t) : null,
        kpis = report.Kpis?.Results,
        satisfactionScores = report.Kpis?.Satisfaction,
        journeys = report.Journeys.Select(j => new
        {
            id = j.Funnel.Definition.Id,
            version = j.Funnel.Definition.Version,
            name = j.Funnel.Definition.Name,
            entered = j.Funnel.Entered,
            holdout = j.Funnel.Holdout,
            goals = j.Funnel.Goals,
            steps = j.Funnel.Steps,
            edges = j.Funnel.Edges,
            days = j.Funnel.Days,
            holdoutComparison = Uplift(j.Experiments.Holdout),
            variants = j.Experiments.VariantRates,
            variantComparisons = j.Experiments.Variants.Select(Uplift),
        }),
    }, Options);

    private static object? Uplift(UpliftResult? r) => r is null ? null : new
    {
        group = r.Group, control = r.Control, absolute = r.Absolute, absoluteInterval = Pair(r.AbsoluteInterval), relative = r.Relative,
        relativeInterval = Pair(r.RelativeInterval), pValue = r.PValue, requiredPerGroup = r.RequiredPerGroup, verdict = r.Verdict,
        absoluteMethod = "Newcombe hybrid score (method 10)", relativeMethod = "Katz log interval of the risk ratio", test = "pooled two-proportion z-test",
    };

    private static double[]? Pair(Interval? i) => i is { } x ? [x.Low, x.High] : null;
}
