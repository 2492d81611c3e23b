using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Reports.Kpis;

/// <summary>
/// Where lifecycle stage changes come from: <c>customer.lifecycle.changed</c> events (their <c>data.stage</c>; a serve database
/// keeps the emitted ones in its inbox), or a simulation timeline's <c>updated</c> entries at the lifecycle journey's update
/// steps that set <c>lifecycleStage</c> to a literal (<c>'churned'</c>).
/// </summary>
public sealed class StageChanges(IEnumerable<JourneyDefinition> journeys)
{
    /// <summary>The event type stage changes are emitted as.</summary>
    public const string EventType = "customer.lifecycle.changed";

    private readonly Dictionary<(string Journey, int Version, string Step), string> _steps = journeys
        .SelectMany(j => j.Steps.Values.OfType<UpdateStep>().Select(s => (j, s)))
        .Where(x => x.s.Set.TryGetValue("lifecycleStage", out var e) && e.Text.Trim() is ['\'', .., '\''])
        .ToDictionary(x => (x.j.Id, x.j.Version, x.s.Id), x => x.s.Set["lifecycleStage"].Text.Trim().Trim('\''));

    private readonly List<StageChange> _changes = [];

    /// <summary>Changes collected so far.</summary>
    public IReadOnlyList<StageChange> All => _changes;

    /// <summary>Notes a timeline entry (only lifecycle updates count).</summary>
    public void Add(TimelineEntry e)
    {
        if (e.Kind == TimelineKind.Updated && e.CustomerId is { } c && e.Journey is { } j && e.Step is { } s && _steps.TryGetValue((j, e.Version ?? 0, s), out var stage))
        {
            _changes.Add(new StageChange(c, e.At, stage));
        }
    }

    /// <summary>Notes an event (only stage-change events count).</summary>
    public void Add(CustomerEvent e)
    {
        if (e.Type == EventType && e.Data["stage"].AsString() is { } stage)
        {
            _changes.Add(new StageChange(e.CustomerId, e.Time, stage));
        }
    }
}
