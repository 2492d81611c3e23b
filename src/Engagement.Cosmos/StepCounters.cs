namespace Engagement.Cosmos;

/// <summary>The counters of one journey version's step on one UTC day: <c>entered</c>, <c>sent</c>, <c>suppressed</c>,
/// <c>suppressed:&lt;reason&gt;</c>, <c>exited:&lt;reason&gt;</c>, ... Immutable.</summary>
/// <param name="JourneyId">Journey id.</param>
/// <param name="Version">Journey version.</param>
/// <param name="Step">Step id (<c>-</c> when the entry had none).</param>
/// <param name="Day">UTC day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Counts">Counter name → count.</param>
public sealed record StepCounters(string JourneyId, int Version, string Step, string Day, IReadOnlyDictionary<string, long> Counts);
