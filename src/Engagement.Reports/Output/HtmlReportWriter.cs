using System.Text;

namespace Engagement.Reports.Output;

/// <summary>
/// The report as one self-contained HTML page: inline CSS, inline SVG, no script, no external resource (no CDN, no web font),
/// so it opens from disk offline. Every journey, event and profile value is escaped. The dashboard reuses <see cref="Body"/>.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The stylesheet shared with the dashboard.</summary>
    public const string Css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1d2330;background:#fff}
        h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-top:1px solid #ccd;padding-top:16px}h3{font-size:15px}
        table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #d6d9e0;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f2f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#667}
        .met{color:#11703a;font-weight:600}.missed{color:#a1261b;font-weight:600}.figure{overflow-x:auto}
        svg.journey rect{fill:#f7f9fc;stroke:#5a6b8c}svg.journey g.send rect{fill:#eaf3ff}svg.journey g.exit rect{fill:#eee}
        svg.journey g.branch rect,svg.journey g.split rect{fill:#fff4e0}svg.journey g.wait rect,svg.journey g.waitForEvent rect{fill:#eefaf0}
        svg text{font:11px system-ui,sans-serif;fill:#1d2330}svg text.id{font-weight:700}svg text.type{fill:#445}
        svg.journey path{fill:none;stroke:#5a6b8c;stroke-width:1.3}svg .arrowhead{fill:#5a6b8c;stroke:none}
        svg.days .axis{stroke:#99a}svg.days .series{fill:none;stroke-width:1.5}svg.days .entered{stroke:#2d6cdf}svg.days .sent{stroke:#e0862d}svg.days .goals{stroke:#2a9d4b}
        svg.days .points rect{fill:transparent}svg.days .points rect:hover{fill:rgba(0,0,0,.06)}.legend span{margin-right:12px}
        .k-entered{color:#2d6cdf}.k-sent{color:#e0862d}.k-goals{color:#2a9d4b}
        iframe.email{width:100%;height:260px;border:1px solid #ccd;background:#fff}pre.sms{white-space:pre-wrap;background:#f7f7f7;padding:6px;margin:0}
        """;

    /// <summary>The whole page.</summary>
    public static string Write(ReportDocument report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self' data:\">")
            .Append("<title>Engagement report</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append(Body(report, showContent: true));
        return sb.Append("</body></html>").ToString();
    }

    /// <summary>The page body: header, KPIs, then one section per journey. <paramref name="showContent"/> false leaves out
    /// rendered message bodies (for dashboard roles that may not see them).</summary>
    public static string Body(ReportDocument report, bool showContent)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>Engagement report</h1><p class=\"muted\">Source <code>").Append(Html.E(report.Source)).Append("</code> · ")
            .Append(Html.E(report.Period.ToString())).Append(" (UTC days) · ").Append(report.Journeys.Count).Append(" journeys</p>");
        if (report.Kpis is { } kpis)
        {
            sb.Append(HtmlSections.Kpis(kpis));
        }

        sb.Append("<nav><ul>");
        foreach (var j in report.Journeys)
        {
            sb.Append($"<li><a href=\"#{JourneyAnchor(j)}\">{Html.E(j.Funnel.Definition.Name)}</a> ({Html.E(j.Funnel.Definition.Id)} v{j.Funnel.Definition.Version}): entered {Html.N(j.Funnel.Entered)}, goals {Html.N(j.Funnel.Goals)}</li>");
        }

        sb.Append("</ul></nav>");
        foreach (var j in report.Journeys)
        {
            sb.Append(HtmlSections.Journey(j, JourneyAnchor(j), showContent));
        }

        return sb.ToString();
    }

    private static string JourneyAnchor(JourneySection j) => $"journey-{Graph.JourneyPicture.Slug(j.Funnel.Definition.Id)}-v{j.Funnel.Definition.Version}";
}
