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
    public void Add(CustomerEvent e, Instant at) => _queue.Enqueue(new Item(e, ItemKind.Event), (at, _sequence++));

    /// <summary>Takes the next item (an event, an enrollment's wake-up, or a deferred send's ledger key), skipping stale wake-ups.</summary>
    public bool TryTake(out Instant at, out CustomerEvent? customerEvent, out string? enrollmentId, out string? deferredLedgerKey)
    {
        while (_queue.TryDequeue(out var item, out var key))
        {
            at = key.Item1;
            customerEvent = item.Event;
            enrollmentId = item.EnrollmentId;
            deferredLedgerKey = item.LedgerKey;
            if (enrollmentId is null || IsCurrent(enrollmentId, at))
            {
                if (enrollmentId is not null)
                {
                    _wakeUps.Remove(enrollmentId);
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
        while (_queue.TryPeek(out var item, out var key) && item.EnrollmentId is { } enrollmentId && !IsCurrent(enrollmentId, key.Item1))
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
        _queue.Enqueue(new Item(enrollmentId, ItemKind.WakeUp), (dueAt, _sequence++));
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
        _queue.Enqueue(new Item(customerEvent, ItemKind.Event), (customerEvent.Time, _sequence++));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    ValueTask IDeferredSendQueue.ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken cancellationToken)
    {
        _queue.Enqueue(new Item(ledgerKey, ItemKind.DeferredSend), (dueAt, _sequence++));
        return ValueTask.CompletedTask;
    }

    /// <summary>Whether a wake-up of <paramref name="enrollmentId"/> due at <paramref name="dueAt"/> is the enrollment's latest.</summary>
    private bool IsCurrent(string enrollmentId, Instant dueAt) => _wakeUps.TryGetValue(enrollmentId, out var due) && due == dueAt;

    private enum ItemKind : byte
    {
        Event,
        WakeUp,
        DeferredSend,
    }

    /// <summary>One entry: an event, an enrollment id (a wake-up) or a ledger key (a deferred send); the time is its priority.
    /// One reference and a kind (16 bytes), so the queue's array of millions of entries stays small.</summary>
    private readonly record struct Item(object Payload, ItemKind Kind)
    {
        public CustomerEvent? Event => Kind == ItemKind.Event ? (CustomerEvent)Payload : null;

        public string? EnrollmentId => Kind == ItemKind.WakeUp ? (string)Payload : null;

        public string? LedgerKey => Kind == ItemKind.DeferredSend ? (string)Payload : null;
    }
}
