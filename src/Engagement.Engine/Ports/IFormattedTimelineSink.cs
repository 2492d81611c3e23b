namespace Engagement.Engine.Ports;

/// <summary>
/// A timeline sink that also takes entries already formatted as <see cref="Simulation.TimelineLineWriter"/> formats them (UTF-8,
/// without the newline). A partitioned simulation formats each partition's entries on that partition's thread and, when its
/// sink is one of these, only copies the lines while it merges them in time order.
/// </summary>
public interface IFormattedTimelineSink : ITimelineSink
{
    /// <summary>Appends one formatted line; its bytes are copied before the call returns.</summary>
    void WriteFormatted(ReadOnlySpan<byte> line);
}
