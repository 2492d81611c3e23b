using Engagement.Engine.Events;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// The simulation's input events in time order (ties in input order). A first pass checks every line (rejections, the event
/// window, the first and last times); when the accepted events are already in time order, as CRM exports and the samples are,
/// the second pass parses them again one at a time as virtual time reaches them, so a run holds none of them in memory;
/// otherwise they are loaded and sorted. The second pass runs on a thread of its own, ahead of the simulation
/// (<see cref="ReadAhead{T}"/>); dispose the input to stop it. Not thread-safe.
/// </summary>
internal sealed class EventInput : IDisposable
{
    private readonly IEnumerator<(CustomerEvent Event, int Line)> _events;
    private bool _hasNext;

    private EventInput(IEnumerator<(CustomerEvent, int)> events, int count, Instant? first, Instant? last, List<(int Line, string Raw, string? Field, string Reason)> rejected)
    {
        _events = events;
        _hasNext = _events.MoveNext();
        Remaining = count;
        First = first;
        Last = last;
        Rejected = rejected;
    }

    /// <summary>The earliest accepted event time.</summary>
    public Instant? First { get; }

    /// <summary>The latest accepted event time.</summary>
    public Instant? Last { get; }

    /// <summary>Events not taken yet.</summary>
    public int Remaining { get; private set; }

    /// <summary>Rejected lines in input order.</summary>
    public IReadOnlyList<(int Line, string Raw, string? Field, string Reason)> Rejected { get; }

    /// <summary>The time of the next event, if any.</summary>
    public Instant? PeekTime => _hasNext ? _events.Current.Event.Time : null;

    /// <summary>Takes the next event.</summary>
    public CustomerEvent Take()
    {
        var e = _events.Current.Event;
        Remaining--;
        _hasNext = _events.MoveNext();
        return e;
    }

    /// <summary>Checks the lines (enumerated twice when they are in time order).</summary>
    public static EventInput Read(IEnumerable<string> lines, EventTimeWindow window)
    {
        var rejected = new List<(int Line, string Raw, string? Field, string Reason)>();
        var accepted = 0;
        var sorted = true;
        Instant? latest = null;
        Instant? first = null;
        foreach (var (line, number) in Numbered(lines))
        {
            if (Check(line, number, window, ref latest, rejected) is not { } e)
            {
                continue;
            }

            accepted++;
            sorted &= latest is null || e.Time >= latest.Value;
            first = first is { } f && f < e.Time ? f : e.Time;
            latest = latest is { } l && l > e.Time ? l : e.Time;
        }

        return sorted
            ? new EventInput(new ReadAhead<(CustomerEvent, int)>(Accepted(lines, window)), accepted, first, latest, rejected)
            : new EventInput(Accepted(lines, window).ToList().OrderBy(x => x.Event.Time).ThenBy(x => x.Line).GetEnumerator(), accepted, first, latest, rejected);
    }

    /// <summary>Lines already checked (every one accepted, in time order, as <see cref="Partitions.PartitionedInput"/> writes a
    /// partition's events): parsed once, on a thread of their own ahead of the run.</summary>
    public static EventInput Prechecked(IEnumerable<string> lines, int count, Instant? first, Instant? last) =>
        new(new ReadAhead<(CustomerEvent, int)>(Parsed(lines)), count, first, last, []);

    /// <summary>Stops reading ahead and closes the file.</summary>
    public void Dispose() => _events.Dispose();

    private static IEnumerable<(CustomerEvent Event, int Line)> Accepted(IEnumerable<string> lines, EventTimeWindow window)
    {
        Instant? latest = null;
        foreach (var (line, number) in Numbered(lines))
        {
            if (Check(line, number, window, ref latest, null) is { } e)
            {
                latest = latest is { } l && l > e.Time ? l : e.Time;
                yield return (e, number);
            }
        }
    }

    private static IEnumerable<(CustomerEvent Event, int Line)> Parsed(IEnumerable<string> lines)
    {
        foreach (var (line, number) in Numbered(lines))
        {
            yield return EventParser.TryParse(line, out var e, out _, out var error)
                ? (e!, number)
                : throw new InvalidOperationException($"A checked event line no longer parses ({error}): the partition file changed while the run read it.");
        }
    }

    /// <summary>The event on the line, or null when it is blank or rejected (added to <paramref name="rejected"/>, if given):
    /// unparsable, or outside <paramref name="window"/> around <paramref name="latest"/>, the latest accepted time so far.</summary>
    internal static CustomerEvent? Check(string line, int number, EventTimeWindow window, ref Instant? latest, List<(int, string, string?, string)>? rejected)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        if (!EventParser.TryParse(line, out var e, out var field, out var error))
        {
            rejected?.Add((number, line, field, error!));
            return null;
        }

        if (window.Check(e!.Time, latest, "the latest accepted event time") is { } implausible)
        {
            rejected?.Add((number, line, "time", implausible));
            return null;
        }

        return e;
    }

    private static IEnumerable<(string Line, int Number)> Numbered(IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var line in lines)
        {
            yield return (line, ++number);
        }
    }
}
