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
    private ILookup<(string, int), ReportFact>? _byJourney;

    /// <summary>Delivery reports per journey, version and step (only steps with at least one report; empty for a simulation).</summary>
    public IReadOnlyDictionary<(string Journey, int Version, string Step), DeliveryCounts> Deliveries { get; init; } =
        new Dictionary<(string Journey, int Version, string Step), DeliveryCounts>();

    /// <summary>The facts of one journey version.</summary>
    public IEnumerable<ReportFact> Of(string journey, int version) => (_byJourney ??= Facts.ToLookup(f => (f.Key.Journey, f.Key.Version)))[(journey, version)];
}
