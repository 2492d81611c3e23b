using Engagement.Engine.Ports;
using NodaTime;

namespace Engagement.Local.Storage;

/// <summary>
/// Durable timers: one wake-up per enrollment (scheduling again replaces it) and deferred sends by ledger key and due time,
/// in one table indexed by (due time, order). The order comes from the counter emitted events share, so ties run in the order
/// they were scheduled, as in the simulator.
/// </summary>
internal sealed class SqliteTimerQueue(GroupState state) : IWakeUpScheduler, IDeferredSendQueue
{
    /// <summary>The <c>kind</c> column of an enrollment's wake-up timer.</summary>
    public const string WakeKind = "wake";
    /// <summary>The <c>kind</c> column of a send deferred by quiet hours.</summary>
    public const string DeferredKind = "deferred";

    /// <summary>Sets the enrollment's one wake-up to <paramref name="dueAt"/> in the group transaction, replacing an earlier
    /// one; re-scheduling the same instant keeps its place in the order.</summary>
    public ValueTask ScheduleAsync(string enrollmentId, string customerId, Instant dueAt, CancellationToken cancellationToken)
    {
        // Re-scheduling the same instant keeps the first order (the simulator runs the first of two equal wake-ups).
        state.Session.Execute(
            """
            INSERT INTO timers (timer_key, kind, target, customer_id, due_at, ord) VALUES ('w:' || $id, 'wake', $id, $c, $due, $ord)
            ON CONFLICT (timer_key) DO UPDATE SET ord = CASE WHEN due_at = excluded.due_at THEN ord ELSE excluded.ord END, due_at = excluded.due_at
            """,
            ("$id", enrollmentId), ("$c", customerId), ("$due", Ticks.Of(dueAt)), ("$ord", state.NextOrder()));
        state.TimerScheduled(Ticks.Of(dueAt));
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes the enrollment's wake-up, if any, in the group transaction.</summary>
    public ValueTask CancelAsync(string enrollmentId, CancellationToken cancellationToken)
    {
        state.Session.Execute("DELETE FROM timers WHERE timer_key = 'w:' || $id", ("$id", enrollmentId));
        return ValueTask.CompletedTask;
    }

    ValueTask IDeferredSendQueue.ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken ct)
    {
        var due = Ticks.Of(dueAt);
        state.Session.Execute(
            "INSERT INTO timers (timer_key, kind, target, customer_id, due_at, ord) VALUES ($key, 'deferred', $lk, $c, $due, $ord) ON CONFLICT (timer_key) DO NOTHING",
            ("$key", "d:" + ledgerKey + "@" + due.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("$lk", ledgerKey), ("$c", customerId),
            ("$due", due), ("$ord", state.NextOrder()));
        state.TimerScheduled(due);
        return ValueTask.CompletedTask;
    }
}
