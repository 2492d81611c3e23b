using Engagement.Engine.Timeline;

namespace Engagement.Engine.Ports;

/// <summary>
/// A timeline sink that drops every entry: a simulation whose summary and report come from counters alone (<c>engage simulate
/// --timeline none</c>). A partitioned simulation recognises it and writes no partition timelines to disk. Holds no state.
/// </summary>
public sealed class DiscardingTimelineSink : ITimelineSink
{
    private DiscardingTimelineSink()
    {
    }

    /// <summary>The one instance.</summary>
    public static DiscardingTimelineSink Instance { get; } = new();

    /// <summary>Drops the entry.</summary>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
