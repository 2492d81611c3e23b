using Engagement.Engine.Events;
using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;

namespace Engagement.Local.Storage;

/// <summary>
/// The inbox inside the group transaction: marking an accepted event processed (idempotency by the unique event id), keeping
/// rejections, and publishing emitted events back into the inbox, ordered after the timers already scheduled.
/// </summary>
internal sealed class SqliteEventInbox(GroupState state) : IEventInbox, IEventPublisher
{
    /// <summary>Whether the id was marked processed (a pending inbox row is not). Part of <c>IEventInbox</c> on main, where the engine
    /// checks it before the work and marks after; here both happen in the same transaction, so the order does not matter. The
    /// event the processor is handling was read as pending in this transaction: no query for it.</summary>
    public ValueTask<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken) => ValueTask.FromResult(
        eventId != state.PendingEventId && state.Session.Scalar("SELECT status FROM inbox WHERE event_id = $id", ("$id", eventId)) as string == "processed");

    public ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken)
    {
        var now = Ticks.Of(state.Now);
        if (state.Session.Execute("UPDATE inbox SET status = 'processed', processed_at = $now WHERE event_id = $id AND status = 'pending'", ("$id", eventId), ("$now", now)) == 1)
        {
            return ValueTask.FromResult(true);
        }

        // An event handed to the engine without going through the inbox.
        return ValueTask.FromResult(state.Session.Execute(
            """
            INSERT INTO inbox (event_id, origin, customer_id, type, time, due_at, ord, status, accepted_at, processed_at, json)
            VALUES ($id, 'direct', '', '', $now, $now, 0, 'processed', $now, $now, '{}') ON CONFLICT (event_id) DO NOTHING
            """,
            ("$id", eventId), ("$now", now)) == 1);
    }

    public ValueTask RejectAsync(RejectedEvent rejected, CancellationToken cancellationToken)
    {
        Reject(state.Session, rejected, null);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishAsync(CustomerEvent e, CancellationToken cancellationToken)
    {
        var written = state.Session.Execute(
            """
            INSERT INTO inbox (event_id, origin, customer_id, type, time, due_at, ord, status, source, accepted_at, json)
            VALUES ($id, 'emitted', $c, $type, $time, $time, $ord, 'pending', 'journey', $now, $json) ON CONFLICT (event_id) DO NOTHING
            """,
            ("$id", e.Id), ("$c", e.CustomerId), ("$type", e.Type), ("$time", Ticks.Of(e.Time)), ("$ord", state.NextOrder()),
            ("$now", Ticks.Of(state.Now)), ("$json", state.Session.SealJson(e)));
        if (written == 1)
        {
            state.HandedOver.Written(e);
        }

        state.EventEmitted(Ticks.Of(e.Time));
        return ValueTask.CompletedTask;
    }

    /// <summary>Accepts an input event on any session: 1, or 0 when its id is in the inbox already (a duplicate).
    /// <paramref name="storedJson"/>: the event serialized and sealed with the session's protector already (null: done here);
    /// released once bound.</summary>
    public static int Accept(SqliteSession session, CustomerEvent e, string source, int? line, long acceptedAt, long dueAt, PooledText? storedJson = null) => session.Execute(
        """
        INSERT INTO inbox (event_id, origin, customer_id, type, time, due_at, ord, status, source, line, accepted_at, json)
        VALUES ($id, 'input', $c, $type, $time, $due, 0, 'pending', $src, $line, $now, $json) ON CONFLICT (event_id) DO NOTHING
        """,
        ("$id", e.Id), ("$c", e.CustomerId), ("$type", e.Type), ("$time", Ticks.Of(e.Time)), ("$due", dueAt), ("$src", source), ("$line", line),
        ("$now", acceptedAt), ("$json", storedJson ?? session.SealJson(e)));

    /// <summary>Keeps a rejected input on any session; <paramref name="owner"/> is its customer when known before the refusal
    /// (else the id the line names), and the contact it names is kept as its blind index entry (<see cref="RejectedOwner.ContactOf"/>).</summary>
    public static void Reject(SqliteSession session, RejectedEvent r, int? line, string? owner = null) => session.Execute(
        "INSERT INTO rejected (source, line, received_at, field, reason, event_id, raw, customer_id, digest, contact) VALUES ($s, $l, $at, $f, $r, $id, $raw, $c, $d, $k)",
        ("$s", r.Source), ("$l", line), ("$at", Ticks.Of(r.ReceivedAt)), ("$f", r.Field), ("$r", session.Seal(r.Reason)), ("$id", r.EventId), ("$raw", session.Seal(r.Raw)),
        ("$c", owner ?? RejectedOwner.Of(r.Raw)), ("$d", session.Protector.Digest(r.Raw)), ("$k", RejectedOwner.ContactOf(r.Raw, session.Protector.Index)));
}
