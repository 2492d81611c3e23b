using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// Where a simulation's timeline entries go as they are recorded: counted into the summary, then either kept (to be put in
/// time order at the end) or passed straight on to a streaming sink. The simulator records entries in time order except when a
/// wake-up falls before the virtual time already reached (a journey's maximum duration ending in the past); a streamed run
/// says so through <see cref="InOrder"/>, and the writer puts the file in order afterwards. Not thread-safe.
/// </summary>
internal sealed class TimelineFeed(ITimelineSink? stream) : ITimelineSink
{
    private readonly List<TimelineEntry>? _kept = stream is null ? [] : null;
    private Instant? _latest;

    /// <summary>The counters behind the summary.</summary>
    public SummaryCounter Summary { get; } = new();

    /// <summary>False once an entry came earlier than one before it (only then does a streamed timeline need sorting).</summary>
    public bool InOrder { get; private set; } = true;

    /// <inheritdoc/>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        Summary.Add(entry);
        if (_latest is { } latest && entry.At < latest)
        {
            InOrder = false;
        }
        else
        {
            _latest = entry.At;
        }

        if (stream is not null)
        {
            return stream.RecordAsync(entry, cancellationToken);
        }

        _kept!.Add(entry);
        return ValueTask.CompletedTask;
    }

    /// <summary>The kept entries in time order (ties in recording order); empty when they were streamed.</summary>
    public IReadOnlyList<TimelineEntry> Ordered()
    {
        if (_kept is null)
        {
            return [];
        }

        return InOrder ? _kept : _kept.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList();
    }
}
