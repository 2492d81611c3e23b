namespace Engagement.Reports.Facts;

/// <summary>
/// Everything a report reads about what journeys did over a period: the counters, and the number of distinct customers sent
/// something per (journey, version, step), which counters cannot add up. Immutable.
/// </summary>
/// <param name="Source">Where they came from (a file name), for the report's header.</param>
/// <param name="Period">The days covered.</param>
/// <param name="Facts">Counters inside the period.</param>
/// <param name="Recipients">Distinct customers sent a message, per journey, version and step.</param>
public sealed record ReportFacts(string Source, ReportPeriod Period, IReadOnlyList<ReportFact> Facts, IReadOnlyDictionary<(string Journey, int Version, string Step), long> Recipients)
{
    /// <summary>The facts of one journey version.</summary>
    public IEnumerable<ReportFact> Of(string journey, int version) => Facts.Where(f => f.Key.Journey == journey && f.Key.Version == version);
}
