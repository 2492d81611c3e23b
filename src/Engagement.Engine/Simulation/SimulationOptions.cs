using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>How far a simulation runs and whom it tells about progress. Immutable.</summary>
/// <param name="Until">Stop at this instant (default: run until nothing is pending).</param>
/// <param name="Progress">Receives (processed, pending) now and then.</param>
/// <param name="Render">Render every message with Liquid and keep it in the result (slower); otherwise only the template file and
/// locale are resolved, which is all the timeline needs.</param>
/// <param name="Window">The plausible event times (default <see cref="Events.EventTimeWindow.DefaultStreamed"/>); the reference is the
/// latest accepted event time in input order, as if the file were streamed. Events outside it are rejected lines.</param>
/// <param name="Timeline">Streams the timeline here as it is recorded (in time order unless <see cref="SimulationResult.TimelineInOrder"/>
/// says otherwise) instead of keeping it in <see cref="SimulationResult.Timeline"/>; the summary is counted either way.</param>
/// <param name="Partitions">Split the customers into this many partitions (<see cref="Partitions.CustomerPartition"/>), each
/// simulated on its own and <see cref="Parallelism"/> at a time, so a run holds only those partitions' customers in memory;
/// their timelines are merged in time order (see <see cref="Partitions.PartitionedSimulation"/>). 1 (the default): one run over
/// everyone.</param>
public sealed record SimulationOptions(Instant? Until = null, IProgress<SimulationProgress>? Progress = null, bool Render = false, Events.EventTimeWindow? Window = null, Ports.ITimelineSink? Timeline = null, int Partitions = 1)
{
    /// <summary>Partitions simulated at the same time (default: one per processor); the result does not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether a partitioned run deflates the timelines it keeps on disk until the merge (default: yes; the temporary
    /// space is about a tenth, at the same run time in the 100,000-customer measurement).</summary>
    public bool CompressSpools { get; init; } = true;

    /// <summary>True when <see cref="Timeline"/> drops every entry (<see cref="Ports.DiscardingTimelineSink"/>): a partitioned run
    /// then counts its entries for the summary without writing them anywhere.</summary>
    internal bool DiscardsTimeline => Timeline is Ports.DiscardingTimelineSink;

    /// <summary>How long after the last input event a run without <see cref="Until"/> goes on at most: one year.</summary>
    public static Duration DefaultHorizon { get; } = Duration.FromDays(365);

    /// <summary><paramref name="last"/> plus <see cref="DefaultHorizon"/>, or the end of time when that would overflow (an event window widened to 9999).</summary>
    public static Instant HorizonAfter(Instant last) => last > Instant.MaxValue - DefaultHorizon ? Instant.MaxValue : last + DefaultHorizon;
}

/// <summary>Progress of a run: items processed, items still queued, and the virtual time reached; in a partitioned run the sums
/// over the partitions started, the earliest virtual time among those running, and how many partitions are finished.</summary>
public readonly record struct SimulationProgress(long Processed, int Pending, Instant Now)
{
    /// <summary>Partitions of the run (1: not partitioned).</summary>
    public int Partitions { get; init; } = 1;

    /// <summary>Partitions finished.</summary>
    public int PartitionsDone { get; init; }

    /// <summary>Input lines read so far while splitting the input into partitions (before any partition runs); 0 otherwise.</summary>
    public long LinesSplit { get; init; }

    /// <summary>Timeline entries written so far while merging the partitions' timelines in time order (after every partition
    /// finished); 0 otherwise.</summary>
    public long EntriesMerged { get; init; }

    /// <summary>Timeline entries the merge writes in all (with <see cref="EntriesMerged"/>); 0 otherwise.</summary>
    public long EntriesToMerge { get; init; }
}
