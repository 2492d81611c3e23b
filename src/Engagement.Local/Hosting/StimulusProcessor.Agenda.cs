using Engagement.Local.Storage;
using Microsoft.Data.Sqlite;

namespace Engagement.Local.Hosting;

/// <summary>Choosing the next agenda item.</summary>
internal sealed partial class StimulusProcessor
{
    /// <summary>
    /// The latest instant (inclusive, in ticks) up to which timers and emitted events may run, or null for none. Real time: now.
    /// Virtual time: strictly before the latest accepted input event (an input event at the same instant may still arrive, and
    /// input events go first at equal times), or up to the horizon once the input is complete.
    /// </summary>
    public long? Gate()
    {
        if (_options.Clock == ClockMode.Real)
        {
            return Ticks.Of(_clock.GetCurrentInstant());
        }

        if (Horizon is { } horizon)
        {
            return horizon;
        }

        return Watermark is { } mark ? mark - 1 : null;
    }

    /// <summary>Profile imports may be pending (set at start and after every profile ingest), so the query can be skipped otherwise.</summary>
    public void ImportsArrived() => _importsPending = true;

    /// <summary><see cref="Event"/> as a delegate, made once.</summary>
    private Func<SqliteRow, AgendaItem>? _eventRow;

    private AgendaItem? Next()
    {
        var s = _state.Session;
        if (_importsPending)
        {
            if (s.TryFirst("SELECT seq, customer_id, json FROM profile_imports WHERE status = 'pending' ORDER BY seq LIMIT 1",
                    r => new AgendaItem(AgendaKind.ProfileImport, r.GetString(1), 0, 0, r.GetInt64(0), r.GetString(1), r.GetString(2)), out var import))
            {
                return import;
            }

            // Safe to clear: an import committed before this group is in its snapshot, and one committed after it sets the flag again.
            _importsPending = false;
        }

        var eventRow = _eventRow ??= Event; // one delegate, not one per read
        s.TryFirst("SELECT seq, event_id, due_at, json FROM inbox WHERE origin = 'input' AND status = 'pending' ORDER BY due_at, ord, seq LIMIT 1", eventRow, out AgendaItem? best);
        if (Gate() is not { } gate)
        {
            return best;
        }

        // Each source's head is read only when the known lower bound of its due times is not past the gate
        // (GroupState.TimersDueFrom): the head's due time is that bound, or no head at all makes it "never" until a write lowers it.
        if (!(_state.EmittedDueFrom > gate))
        {
            var found = s.TryFirst("SELECT seq, event_id, due_at, json, ord FROM inbox WHERE origin = 'emitted' AND status = 'pending' ORDER BY due_at, ord LIMIT 1",
                eventRow, out var emitted);
            _state.EmittedDueFrom = found ? emitted!.DueAt : long.MaxValue;
            if (found && emitted!.DueAt <= gate && (best is null || emitted.Before(best)))
            {
                best = emitted;
            }
        }

        if (!(_state.TimersDueFrom > gate))
        {
            var found = s.TryFirst("SELECT timer_key, kind, target, due_at, ord FROM timers ORDER BY due_at, ord LIMIT 1",
                r => new AgendaItem(r.GetString(1) == SqliteTimerQueue.WakeKind ? AgendaKind.WakeUp : AgendaKind.DeferredSend, r.GetString(0), r.GetInt64(3), r.GetInt64(4), 0, r.GetString(2), null),
                out var timer);
            _state.TimersDueFrom = found ? timer!.DueAt : long.MaxValue;
            if (found && timer!.DueAt <= gate && (best is null || timer.Before(best)))
            {
                best = timer;
            }
        }

        return best;
    }

    /// <summary>An inbox row as an agenda item; its JSON is not read when the event is handed over in memory (<see cref="HandedOverEvents"/>).</summary>
    private AgendaItem Event(SqliteRow r)
    {
        var id = r.GetString(1);
        return new(AgendaKind.Event, id, r.GetInt64(2), r.FieldCount > 4 ? r.GetInt64(4) : 0, r.GetInt64(0), id, _state.HandedOver.Contains(id) ? null : r.GetString(3));
    }

    private TimeSpan IdleWait()
    {
        if (_options.Clock != ClockMode.Real)
        {
            return _options.IdlePoll;
        }

        var next = _state.Session.Scalar("SELECT MIN(due_at) FROM timers");
        if (next is null)
        {
            return _options.IdlePoll;
        }

        var wait = TimeSpan.FromTicks(Convert.ToInt64(next, System.Globalization.CultureInfo.InvariantCulture) - Ticks.Of(_clock.GetCurrentInstant()));
        return wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > _options.IdlePoll ? _options.IdlePoll : wait;
    }
}
