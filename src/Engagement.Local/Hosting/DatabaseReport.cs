using Engagement.Engine.Catalog;
using Engagement.Local.Storage;
using Engagement.Reports.Facts;
using Engagement.Reports.Kpis;
using Engagement.Reports.Output;
using Engagement.Reports.Previews;

namespace Engagement.Local.Hosting;

/// <summary>The report of a serve database: its counters, and its inbox (input and emitted events) and profiles for the KPIs.</summary>
public static class DatabaseReport
{
    /// <summary>Builds it (used by <c>engage report --db</c> and <c>GET /dashboard</c>).</summary>
    public static ReportDocument Build(JourneyCatalog catalog, SqliteQueries queries, string source, ReportPeriod period)
    {
        var facts = SqliteReportFacts.Read(queries, period, source);
        var (events, profiles) = SqliteReportFacts.KpiSources(queries);
        var stages = new StageChanges(catalog.All);
        foreach (var e in events)
        {
            stages.Add(e);
        }

        var kpis = events.Count == 0 ? null : CatalogKpis.Compute(catalog, facts, events, profiles, stages.All, period);
        return ReportDocument.Build(catalog, facts, kpis, new PreviewBuilder(catalog.Templates).For);
    }
}
