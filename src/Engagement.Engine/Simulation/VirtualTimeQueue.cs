using Engagement.Engine.Ports;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// The simulator's agenda in virtual time: input events, emitted events and wake-ups, ordered by (time, arrival). A wake-up
/// replaced or cancelled before it is due is dropped when it comes up (only the latest per enrollment counts).
/// </summary>
public sealed class VirtualTimeQueue : IWakeUpScheduler, IEventPublisher, IDeferredSendQueue
{
    private readonly PriorityQueue<Item, (Instant, long)> _queue = new();
    private readonly Dictionary<string, Instant> _wakeUps = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Work pending.</summary>
    public int Count => _queue.Count;

    /// <summary>Adds an input event at its time.</summary>
    public void Add(CustomerEvent e, Instant at) => _queue.Enqueue(new Item(e, null, default, null), (at, _sequence++));

    /// <summary>Takes the next item (an event, an enrollment's wake-up, or a deferred send's ledger key), skipping stale wake-ups.</summary>
    public bool TryTake(out Instant at, out CustomerEvent? customerEvent, out string? enrollmentId, out string? deferredLedgerKey)
    {
        while (_queue.TryDequeue(out var item, out var key))
        {
            at = key.Item1;
            customerEvent = item.Event;
            enrollmentId = item.EnrollmentId;
            deferredLedgerKey = item.LedgerKey;
            if (item.EnrollmentId is null || (_wakeUps.TryGetValue(item.EnrollmentId, out var due) && due == item.DueAt))
            {
                if (item.EnrollmentId is not null)
                {
                    _wakeUps.Remove(item.EnrollmentId);
                }

                return true;
            }
        }

        (at, customerEvent, enrollmentId, deferredLedgerKey) = (default, null, null, null);
        return false;
    }

    /// <summary>Drops the stale wake-ups at the front, so <see cref="PeekTime"/> is the time of the item <see cref="TryTake"/> returns.</summary>
    public void DropStale()
    {
        while (_queue.TryPeek(out var item, out _) && item.EnrollmentId is not null
            && !(_wakeUps.TryGetValue(item.EnrollmentId, out var due) && due == item.DueAt))
        {
            _queue.Dequeue();
        }
    }

    /// <summary>The time of the next item (a stale wake-up too, unless <see cref="DropStale"/> ran), if any.</summary>
    public Instant? PeekTime => _queue.TryPeek(out _, out var key) ? key.Item1 : null;

    /// <inheritdoc/>
    public ValueTask ScheduleAsync(string enrollmentId, string customerId, Instant dueAt, CancellationToken cancellationToken)
    {
        _wakeUps[enrollmentId] = dueAt;
        _queue.Enqueue(new Item(null, enrollmentId, dueAt, null), (dueAt, _sequence++));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask CancelAsync(string enrollmentId, CancellationToken cancellationToken)
    {
        _wakeUps.Remove(enrollmentId);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask PublishAsync(CustomerEvent customerEvent, CancellationToken cancellationToken)
    {
        _queue.Enqueue(new Item(customerEvent, null, default, null), (customerEvent.Time, _sequence++));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    ValueTask IDeferredSendQueue.ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken cancellationToken)
    {
        _queue.Enqueue(new Item(null, null, dueAt, ledgerKey), (dueAt, _sequence++));
        return ValueTask.CompletedTask;
    }

    private readonly record struct Item(CustomerEvent? Event, string? EnrollmentId, Instant DueAt, string? LedgerKey);
}
