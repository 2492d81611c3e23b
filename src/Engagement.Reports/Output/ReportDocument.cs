using Engagement.Engine.Catalog;
using Engagement.Reports.Facts;
using Engagement.Reports.Funnel;
using Engagement.Reports.Kpis;
using Engagement.Reports.Statistics;

namespace Engagement.Reports.Output;

/// <summary>A whole report: where its numbers come from, per journey, and the retail KPIs when events and profiles were given. Immutable.</summary>
/// <param name="Source">The timeline file or database.</param>
/// <param name="Period">The days covered.</param>
/// <param name="Journeys">Per journey version, in id order.</param>
/// <param name="Kpis">The retail KPIs, or null.</param>
public sealed record ReportDocument(string Source, ReportPeriod Period, IReadOnlyList<JourneySection> Journeys, KpiReport? Kpis)
{
    /// <summary>Builds the report of every journey in the catalog (its latest versions and any older one with facts).</summary>
    public static ReportDocument Build(JourneyCatalog catalog, ReportFacts facts, KpiReport? kpis = null, Func<Journeys.Definitions.JourneyDefinition, IReadOnlyList<Previews.MessagePreview>>? previews = null)
    {
        var withFacts = facts.Facts.Select(f => (f.Key.Journey, f.Key.Version)).ToHashSet();
        var latest = catalog.Latest.Select(j => (j.Id, j.Version)).ToHashSet();
        var sections = catalog.All.Where(j => latest.Contains((j.Id, j.Version)) || withFacts.Contains((j.Id, j.Version)))
            .Select(j => new JourneySection(FunnelBuilder.Build(j, facts), JourneyExperiments.Of(j, facts), previews?.Invoke(j) ?? []))
            .ToList();
        return new ReportDocument(facts.Source, facts.Period, sections, kpis);
    }
}
