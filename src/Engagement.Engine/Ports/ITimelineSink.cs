using Engagement.Engine.Timeline;

namespace Engagement.Engine.Ports;

/// <summary>Receives every timeline entry (simulate writes them; hosts count them per journey and step).</summary>
public interface ITimelineSink
{
    /// <summary>Records an entry.</summary>
    ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken);
}
