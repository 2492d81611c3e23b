using Engagement.Engine.Timeline;

namespace Engagement.Engine.Simulation;

/// <summary>Writes timeline entries as JSON Lines with a fixed field order (nulls omitted), so equal timelines are equal bytes
/// (<see cref="TimelineLineWriter"/> does the writing; a writer per thread is kept here).</summary>
public static class TimelineJson
{
    [ThreadStatic]
    private static TimelineLineWriter? _writer;

    /// <summary>One entry as one line (no newline).</summary>
    public static string Line(TimelineEntry e) => (_writer ??= new TimelineLineWriter()).Format(e).ToString();
}
