using Engagement.Journeys.Definitions;

namespace Engagement.Reports.Funnel;

/// <summary>One journey version's funnel: per step, per edge and per day. Immutable.</summary>
/// <param name="Definition">The journey.</param>
/// <param name="Entered">Journey entries (treated and holdout).</param>
/// <param name="Holdout">Entries in the holdout group.</param>
/// <param name="Goals">Goals reached (treated and holdout).</param>
/// <param name="Steps">Per step, in the order the journey file lists them.</param>
/// <param name="Edges">Per arrow.</param>
/// <param name="Days">Per UTC day with any entry, send or goal.</param>
public sealed record JourneyFunnel(JourneyDefinition Definition, long Entered, long Holdout, long Goals, IReadOnlyList<StepFunnel> Steps,
    IReadOnlyList<EdgeFlow> Edges, IReadOnlyList<DayCounts> Days)
{
    /// <summary>The funnel of a step.</summary>
    public StepFunnel Step(string id) => Steps.First(s => s.StepId == id);
}
