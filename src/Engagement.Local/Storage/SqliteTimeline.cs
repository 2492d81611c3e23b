using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;

namespace Engagement.Local.Storage;

/// <summary>The timeline as counters per (journey, version, step, kind) and per report key (day, reason, channel, holdout,
/// variant), added up in memory and written once per group.</summary>
internal sealed class SqliteTimeline(GroupState state) : ITimelineSink
{
    /// <inheritdoc/>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Journey is not null)
        {
            state.Count(entry.Journey, entry.Version ?? 0, entry.Step ?? string.Empty, Kind(entry.Kind));
            if (Reports.Facts.ReportFactKey.Of(entry) is { } key)
            {
                state.CountDay(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The lower-case name of a kind, as in the timeline's JSON.</summary>
    public static string Kind(TimelineKind kind) => kind.ToString().ToLowerInvariant();
}
