using Engagement.Engine.Catalog;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Engagement.Reports.Facts;
using NodaTime;

namespace Engagement.Reports.Kpis;

/// <summary>The KPIs for a journey catalog: its <c>cn</c> calendar (Asia/Shanghai) for working days, the survey messages its
/// send steps sent (templates whose id contains <c>survey</c>), and the period (the report's, else the default six months).</summary>
public static class CatalogKpis
{
    /// <summary>Computes the KPIs.</summary>
    public static KpiReport Compute(JourneyCatalog catalog, ReportFacts facts, IReadOnlyList<CustomerEvent> events, IReadOnlyList<CustomerProfile> profiles,
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
}
