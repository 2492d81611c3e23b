using Engagement.Engine.Catalog;
using Engagement.Engine.Events;
using Engagement.Engine.Profiles;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Engagement.Local.Storage;
using Engagement.Reports.Facts;
using Engagement.Reports.Kpis;
using Engagement.Reports.Output;
using Engagement.Reports.Previews;
using NodaTime;

namespace Engagement.Cli.Commands;

/// <summary>Builds a report from a timeline (a file, or a simulation's in memory) or a serve database, with the KPIs when events are given.</summary>
internal static class ReportInputs
{
    /// <summary>From timeline entries; <paramref name="events"/> and <paramref name="profiles"/> (JSON Lines files) add the KPIs.</summary>
    public static ReportDocument FromTimeline(JourneyCatalog catalog, IEnumerable<TimelineEntry> timeline, string source, ReportPeriod period, FileInfo? events, FileInfo? profiles)
    {
        // The KPI inputs are read on another core while the timeline is added up (they are independent until the KPIs).
        var inputs = events is null ? null : Task.Run(() => (ReadEvents(events.FullName), profiles is null ? new List<CustomerProfile>() : ReadProfiles(profiles.FullName)));
        var aggregator = new TimelineAggregator(period);
        var stages = new StageChanges(catalog.All);
        try
        {
            foreach (var entry in timeline)
            {
                aggregator.Add(entry);
                stages.Add(entry);
            }
        }
        catch
        {
            inputs?.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }

        var facts = aggregator.Build(source);
        KpiReport? kpis = null;
        if (inputs is not null)
        {
            var (parsed, people) = inputs.GetAwaiter().GetResult();
            foreach (var e in parsed)
            {
                stages.Add(e);
            }

            kpis = CatalogKpis.Compute(catalog, facts, parsed, people, stages.All, period);
        }

        return ReportDocument.Build(catalog, facts, kpis, new PreviewBuilder(catalog.Templates).For);
    }

    /// <summary>From a serve database (its counters, and its inbox and profiles for the KPIs).</summary>
    public static ReportDocument FromDatabase(JourneyCatalog catalog, SqliteQueries queries, string source, ReportPeriod period)
    {
        return Local.Hosting.DatabaseReport.Build(catalog, queries, source, period);
    }

    private static List<CustomerEvent> ReadEvents(string path)
    {
        var list = new List<CustomerEvent>();
        foreach (var line in File.ReadLines(path))
        {
            if (EventParser.TryParse(line, out var e, out _, out _) && e is not null)
            {
                list.Add(e);
            }
        }

        return list;
    }

    private static List<CustomerProfile> ReadProfiles(string path)
    {
        var list = new List<CustomerProfile>();
        foreach (var line in File.ReadLines(path))
        {
            if (ProfileParser.TryParse(line, out var p, out _, out _) && p is not null)
            {
                list.Add(p);
            }
        }

        return list;
    }
}
