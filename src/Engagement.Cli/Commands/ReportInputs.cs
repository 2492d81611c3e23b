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
        var aggregator = new TimelineAggregator(period);
        var stages = new StageChanges(catalog.All);
        foreach (var entry in timeline)
        {
            aggregator.Add(entry);
            stages.Add(entry);
        }

        var facts = aggregator.Build(source);
        KpiReport? kpis = null;
        if (events is not null)
        {
            var parsed = ReadEvents(events.FullName);
            foreach (var e in parsed)
            {
                stages.Add(e);
            }

            kpis = Kpis(catalog, facts, parsed, profiles is null ? [] : ReadProfiles(profiles.FullName), stages.All, period);
        }

        return ReportDocument.Build(catalog, facts, kpis, new PreviewBuilder(catalog.Templates).For);
    }

    /// <summary>From a serve database (its counters, and its inbox and profiles for the KPIs).</summary>
    public static ReportDocument FromDatabase(JourneyCatalog catalog, SqliteQueries queries, string source, ReportPeriod period)
    {
        var facts = SqliteReportFacts.Read(queries, period, source);
        var (events, profiles) = SqliteReportFacts.KpiSources(queries);
        var stages = new StageChanges(catalog.All);
        foreach (var e in events)
        {
            stages.Add(e);
        }

        var kpis = events.Count == 0 ? null : Kpis(catalog, facts, events, profiles, stages.All, period);
        return ReportDocument.Build(catalog, facts, kpis, new PreviewBuilder(catalog.Templates).For);
    }

    private static KpiReport Kpis(JourneyCatalog catalog, ReportFacts facts, IReadOnlyList<CustomerEvent> events, IReadOnlyList<CustomerProfile> profiles,
        IReadOnlyList<StageChange> stages, ReportPeriod period)
    {
        var calendar = catalog.All.SelectMany(j => j.Calendars).Where(c => c.Key == "cn").Select(c => c.Value).FirstOrDefault();
        var input = new KpiInput(events, profiles, stages, 0, calendar ?? WorkingCalendar.MondayToFriday,
            calendar is null ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
        var (from, to) = KpiCalculator.DefaultPeriod(input);
        if (period.From is { } f)
        {
            from = f.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }

        if (period.To is { } t)
        {
            to = t.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }

        var surveySteps = catalog.All.SelectMany(j => j.Steps.Values.OfType<SendStep>().Where(s => s.Template.Contains("survey", StringComparison.Ordinal)).Select(s => (j.Id, j.Version, s.Id)))
            .ToHashSet();
        var fromDay = ReportFactKey.DayOf(from);
        var toDay = ReportFactKey.DayOf(to);
        var surveys = facts.Facts.Where(x => x.Key.Kind == "sent" && surveySteps.Contains((x.Key.Journey, x.Key.Version, x.Key.Step))
            && string.CompareOrdinal(x.Key.Day, fromDay) >= 0 && string.CompareOrdinal(x.Key.Day, toDay) < 0).Sum(x => x.Count);
        return KpiCalculator.Compute(input with { SurveysSent = surveys }, from, to);
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
