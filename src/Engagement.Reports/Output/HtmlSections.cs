using System.Globalization;
using System.Text;
using Engagement.Reports.Funnel;
using Engagement.Reports.Kpis;
using Engagement.Reports.Statistics;

namespace Engagement.Reports.Output;

/// <summary>The parts of the HTML report: KPI table, and per journey its picture, funnel, per-day chart, statistics and previews.</summary>
internal static class HtmlSections
{
    /// <summary>The KPI table (value, target, met or missed, basis) and the satisfaction-score table (responses per score, 1 to 10), as HTML.</summary>
    public static string Kpis(KpiReport kpis)
    {
        var sb = new StringBuilder("<section id=\"kpis\"><h2>Retail KPIs</h2>");
        sb.Append($"<p class=\"muted\">{Html.E(InstantText(kpis.From))} to {Html.E(InstantText(kpis.To))} (end excluded). Definitions in docs/reports.md.</p>");
        sb.Append("<table class=\"kpis\"><thead><tr><th>KPI</th><th>value</th><th>target</th><th>status</th><th>basis</th></tr></thead><tbody>");
        foreach (var k in kpis.Results)
        {
            var status = k.Met switch { true => "<span class=\"met\">met</span>", false => "<span class=\"missed\">missed</span>", null => "<span class=\"muted\">-</span>" };
            sb.Append($"<tr data-kpi=\"{Html.E(k.Id)}\"><td>{Html.E(k.Name)}</td><td class=\"n\">{Html.E(k.Display)}</td><td>{Html.E(k.Target)}</td><td>{status}</td><td class=\"muted\">{Html.E(k.Basis)}</td></tr>");
        }

        sb.Append("</tbody></table><h3>Satisfaction scores</h3><table class=\"scores\"><tr><th>score</th>");
        for (var i = 1; i <= 10; i++)
        {
            sb.Append("<th>").Append(i).Append("</th>");
        }

        sb.Append("</tr><tr><td>responses</td>");
        foreach (var n in kpis.Satisfaction)
        {
            sb.Append("<td class=\"n\">").Append(Html.N(n)).Append("</td>");
        }

        return sb.Append("</tr></table></section>").ToString();
    }

    /// <summary>One journey's section (element id <paramref name="anchor"/>): entry and goal counts, the journey picture, the
    /// per-step funnel, the per-day chart, experiment statistics when there are any, and message previews when there are any
    /// (content only with <paramref name="showContent"/>).</summary>
    public static string Journey(JourneySection j, string anchor, bool showContent)
    {
        var f = j.Funnel;
        var d = f.Definition;
        var sb = new StringBuilder();
        sb.Append($"<section class=\"journey\" id=\"{anchor}\" data-journey=\"{Html.E(d.Id)}\" data-version=\"{d.Version}\"><h2>{Html.E(d.Name)} <span class=\"muted\">{Html.E(d.Id)} v{d.Version}</span></h2>");
        sb.Append($"<p>Entered {Html.N(f.Entered)} (holdout {Html.N(f.Holdout)}) · goals {Html.N(f.Goals)}");
        if (d.Goal is { } goal)
        {
            sb.Append($" · goal: <code>{Html.E(goal.Event)}</code>{(goal.Within is { } w ? " within " + Html.E(w.ToString()) : string.Empty)}");
        }

        sb.Append("</p><div class=\"figure\">").Append(Graph.JourneyPicture.Svg(d, f)).Append("</div>");
        sb.Append(Funnel(f));
        sb.Append("<h3>Per day</h3><p class=\"legend\"><span class=\"k-entered\">■ entered</span><span class=\"k-sent\">■ sent</span><span class=\"k-goals\">■ goals</span></p>");
        sb.Append("<div class=\"figure\">").Append(DayChart.Svg(f.Days)).Append("</div>");
        if (j.Experiments.Any)
        {
            sb.Append(Experiments(j.Experiments));
        }

        if (j.Previews.Count > 0)
        {
            sb.Append(HtmlPreviews.Write(j.Previews, showContent));
        }

        return sb.Append("</section>").ToString();
    }

    private static string Funnel(JourneyFunnel f)
    {
        // The delivery-report columns appear only when some step has reports; a step without any shows "-" there.
        var reports = f.Steps.Any(s => s.Delivery is not null);
        var sb = new StringBuilder("<h3>Per step</h3><table class=\"funnel\"><thead><tr><th>step</th><th>type</th><th>entered</th><th>proceeded</th><th>sent</th><th>recipients</th><th>suppressed</th><th>deferred</th><th>failed</th>")
            .Append(reports ? "<th>delivered</th><th>opened</th><th>clicked</th><th>bounced</th>" : string.Empty)
            .Append("<th>tasks</th><th>exited</th><th>goals</th></tr></thead><tbody>");
        foreach (var s in f.Steps)
        {
            sb.Append($"<tr data-step=\"{Html.E(s.StepId)}\"><td>{Html.E(s.StepId)}</td><td>{s.Type}</td><td class=\"n\">{Html.N(s.Entered)}</td><td class=\"n\">{Html.N(s.Proceeded)}</td>")
                .Append($"<td class=\"n\">{By(s.Sent)}</td><td class=\"n\">{Html.N(s.Recipients)}</td><td class=\"n\">{By(s.Suppressed)}</td><td class=\"n\">{Html.N(s.Deferred)}</td>")
                .Append($"<td class=\"n\">{By(s.Failed)}</td>");
            if (reports)
            {
                sb.Append(s.Delivery is { } r
                    ? $"<td class=\"n\">{Html.N(r.Delivered)}</td><td class=\"n\">{Html.N(r.Opened)}</td><td class=\"n\">{Html.N(r.Clicked)}</td><td class=\"n\">{Html.N(r.Bounced)}</td>"
                    : "<td class=\"n\">-</td><td class=\"n\">-</td><td class=\"n\">-</td><td class=\"n\">-</td>");
            }

            sb.Append($"<td class=\"n\">{Html.N(s.Tasks)}</td><td class=\"n\">{By(s.Exited)}</td><td class=\"n\">{Html.N(s.Goals)}</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    private static string By(IReadOnlyDictionary<string, long> by) => by.Count == 0
        ? "0"
        : string.Join("<br>", by.Select(kv => $"{Html.E(kv.Key.Length == 0 ? "-" : kv.Key)} {Html.N(kv.Value)}"));

    private static string Experiments(JourneyExperiments x)
    {
        var sb = new StringBuilder("<h3>Holdout and A/B</h3><table class=\"uplift\"><thead><tr><th>group</th><th>customers</th><th>goals</th><th>rate</th><th>control</th><th>absolute uplift [95% CI]</th><th>relative uplift [95% CI]</th><th>p-value</th><th>verdict</th></tr></thead><tbody>");
        var rows = new List<UpliftResult>();
        if (x.Holdout is { } h)
        {
            rows.Add(h);
        }

        rows.AddRange(x.Variants);
        foreach (var r in rows)
        {
            sb.Append($"<tr data-group=\"{Html.E(r.Group.Name)}\"><td>{Html.E(r.Group.Name)}</td><td class=\"n\">{Html.N(r.Group.Customers)}</td><td class=\"n\">{Html.N(r.Group.Goals)}</td><td class=\"n\">{Html.Pct(r.Group.Rate)}</td>")
                .Append($"<td>{Html.E(r.Control.Name)}: {Html.N(r.Control.Goals)}/{Html.N(r.Control.Customers)} = {Html.Pct(r.Control.Rate)}</td>")
                .Append($"<td class=\"n ci-abs\">{Pp(r.Absolute)} {Ci(r.AbsoluteInterval, Pp)}</td>")
                .Append($"<td class=\"n ci-rel\">{(r.Relative is { } rel ? Html.Pct(rel) : "-")} {Ci(r.RelativeInterval, Html.Pct)}</td>")
                .Append($"<td class=\"n\">{(r.PValue is { } p ? p.ToString("0.0000", CultureInfo.InvariantCulture) : "-")}</td><td>{Html.E(r.Verdict)}</td></tr>");
        }

        sb.Append("</tbody></table>");
        if (x.VariantRates.Count > 0)
        {
            sb.Append("<p class=\"muted\">Variants: ").Append(string.Join(", ", x.VariantRates.Select(v => $"{Html.E(v.Name)} {Html.N(v.Goals)}/{Html.N(v.Customers)} = {Html.Pct(v.Rate)}"))).Append(" (treated customers; the first variant is the control).</p>");
        }

        return sb.Append("<p class=\"muted\">Absolute: Newcombe hybrid score interval; relative: Katz log interval of the risk ratio; p: pooled two-proportion z-test.</p>").ToString();
    }

    private static string Pp(double d) => (d >= 0 ? "+" : string.Empty) + (d * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pp";

    private static string Ci(Interval? ci, Func<double, string> format) => ci is { } c ? $"[{format(c.Low)}, {format(c.High)}]" : "[-]";

    private static string InstantText(NodaTime.Instant i) => Engagement.Journeys.Runtime.InstantText.Format(i);
}
