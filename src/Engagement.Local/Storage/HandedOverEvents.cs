using Engagement.Journeys.Runtime;

namespace Engagement.Local.Storage;

/// <summary>
/// Events the stimulus processor wrote into the inbox itself in this process — input taken into its groups, events journeys
/// emitted — kept as parsed, by event id, so handling one does not read, decrypt and parse the JSON just stored for it (the
/// stored JSON is the serialization of this very event, so both give the same event). Kept like <see cref="GroupCache{TValue}"/>:
/// an event written in the current group joins the others at commit and is dropped at rollback. Bounded: at
/// <see cref="Capacity"/> events no more are kept, and the processor reads those from the inbox as before, as it does after a
/// restart. An event is handed over once (<see cref="Take"/>). Not thread-safe: the processor's thread.
/// </summary>
internal sealed class HandedOverEvents(int capacity = HandedOverEvents.DefaultCapacity)
{
    /// <summary>The default bound, about 60 MB of typical events: a burst of up to 100,000 accepted events (the ingest
    /// benchmark's backlog peaks near 80,000 encrypted) is handled from memory.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, CustomerEvent> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerEvent> _overlay = new(StringComparer.Ordinal);
    private long _taken;

    /// <summary>The most events kept at a time.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Events handed over so far (<see cref="Take"/> found them); readable from any thread.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Events kept, committed or written in the current group.</summary>
    public int Count => _committed.Count + _overlay.Count;

    /// <summary>The event's row was written in the current group: keep it, unless <see cref="Capacity"/> are kept already.</summary>
    public void Written(CustomerEvent e)
    {
        if (Count < Capacity)
        {
            _overlay[e.Id] = e;
        }
    }

    /// <summary>Whether the event with this id is kept.</summary>
    public bool Contains(string eventId) => _overlay.ContainsKey(eventId) || _committed.ContainsKey(eventId);

    /// <summary>The kept event, no longer kept; null when it is not (then read it from the inbox). Taking it is not undone by a
    /// rollback: a stimulus run again reads its event from the inbox.</summary>
    public CustomerEvent? Take(string eventId)
    {
        if (!_overlay.Remove(eventId, out var e) && !_committed.Remove(eventId, out e))
        {
            return null;
        }

        Interlocked.Increment(ref _taken);
        return e;
    }

    /// <summary>The group committed: its events join the kept ones.</summary>
    public void Commit()
    {
        foreach (var (id, e) in _overlay)
        {
            _committed[id] = e;
        }

        _overlay.Clear();
    }

    /// <summary>The group rolled back: the events it wrote are not in the inbox, so they are not kept.</summary>
    public void Rollback() => _overlay.Clear();

    /// <summary>Stops keeping the customer's events (an erasure: its pending emitted events will never be handled).</summary>
    public void Forget(string customerId)
    {
        Remove(_overlay, customerId);
        Remove(_committed, customerId);
    }

    private static void Remove(Dictionary<string, CustomerEvent> events, string customerId)
    {
        foreach (var (id, e) in events)
        {
            if (string.Equals(e.CustomerId, customerId, StringComparison.Ordinal))
            {
                events.Remove(id);
            }
        }
    }
}
