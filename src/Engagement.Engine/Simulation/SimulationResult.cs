using Engagement.Engine.Delivery;
using Engagement.Engine.Tasks;
using Engagement.Engine.Timeline;

namespace Engagement.Engine.Simulation;

/// <summary>What a simulation produced: the timeline in time order, the messages (rendered ones only with
/// <see cref="SimulationOptions.Render"/>), how many messages were sent, the tasks and the summary. Immutable.</summary>
public sealed record SimulationResult(
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OutboundMessage> Messages,
    int MessageCount,
    IReadOnlyList<HumanTask> Tasks,
    SimulationSummary Summary,
    long Processed)
{
    /// <summary>Timeline entries recorded (also when they were streamed to <see cref="SimulationOptions.Timeline"/> and not kept).</summary>
    public long TimelineCount { get; init; }

    /// <summary>False when a streamed timeline came out of time order (a wake-up in the past): the writer must sort what it wrote.</summary>
    public bool TimelineInOrder { get; init; } = true;

    /// <summary>Partitions the customers were simulated in (1: one run over everyone; see <see cref="SimulationOptions.Partitions"/>).</summary>
    public int Partitions { get; init; } = 1;
}
