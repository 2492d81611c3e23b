using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tasks;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.InMemory;

/// <summary>
/// In-memory implementations of every storage port, for simulation and tests. Single-threaded use (the simulator drives
/// one stimulus at a time); all listings come back in a stable order so simulations are byte-for-byte repeatable.
/// </summary>
public sealed class InMemoryStores : IProfileStore, IEnrollmentStore, IMessageLedger, ITaskSink, IEventInbox, ITimelineSink, IPersonalDataEraser
{
    private readonly Dictionary<string, CustomerProfile> _profiles = new(StringComparer.Ordinal);
    private readonly EnrollmentTable _enrollments;
    private readonly Dictionary<string, LedgerEntry> _ledger = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerSlot>> _ledgerByCustomer = new(StringComparer.Ordinal);
    private readonly HashedKeySet _processed = new();
    private readonly HashedKeySet _settledKeys = new();
    private readonly Dictionary<string, List<int>> _tasksByCustomer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taskKeys = new(StringComparer.Ordinal);
    private readonly ITimelineSink? _timeline;
    private readonly bool _compact;
    private Instant? _lookBackReached;

    /// <summary>What a compacted ledger returns for a settled key (sent, suppressed, failed: nothing will change it again).</summary>
    private static readonly LedgerEntry Settled = new()
    {
        Key = string.Empty, CustomerId = string.Empty, Journey = string.Empty, Step = string.Empty, At = default, Status = LedgerStatus.Suppressed, Reason = "settled",
    };

    /// <summary>Creates empty stores; timeline entries are kept in <see cref="Timeline"/>, or passed on to <paramref name="timeline"/> when given.
    /// <paramref name="compactExited"/> (the simulator's choice) keeps of an exited enrollment only what the entry rules read
    /// (id, journey, key, entry time), inline in its customer's list (<see cref="EnrollmentSlot"/>), since nothing steps it again.
    /// It also compacts the ledger: a settled key (no longer reserved or deferred) is kept as a digest (<see cref="HashedKeySet"/>)
    /// and reads back as a placeholder with status suppressed, and of its entry only what the caps count (sent time, channel,
    /// category) is kept, for sent entries only, inline in the customer's list (<see cref="LedgerSlot"/>), and only until the caps'
    /// look-back has passed it (<see cref="ListSentSinceAsync"/>: the clock must only move forward, as the simulator's does).
    /// New enrollments share the stored profile's customer id string. Processed event ids are kept as digests either way.</summary>
    public InMemoryStores(ITimelineSink? timeline = null, bool compactExited = false)
    {
        _timeline = timeline;
        _compact = compactExited;
        _enrollments = new EnrollmentTable(compactExited);
    }

    /// <summary>Tasks in creation order.</summary>
    public List<HumanTask> Tasks { get; } = [];

    /// <summary>Rejected inputs in arrival order.</summary>
    public List<RejectedEvent> Rejected { get; } = [];

    /// <summary>The timeline in recording order (empty when entries are passed on to another sink).</summary>
    public List<TimelineEntry> Timeline { get; } = [];

    /// <summary>Number of enrollments stored.</summary>
    public int EnrollmentCount => _enrollments.Count;

    /// <summary>Every enrollment, in id order (when the stores compact, exited ones as <see cref="ListByCustomerAsync"/> reads them back).</summary>
    public IEnumerable<EnrollmentState> Enrollments => _enrollments.All.OrderBy(e => e.EnrollmentId, StringComparer.Ordinal);

    /// <inheritdoc cref="IProfileStore.GetAsync"/>
    public ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_profiles.GetValueOrDefault(customerId));

    /// <inheritdoc cref="IProfileStore.SaveAsync"/>
    public ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        _profiles[profile.CustomerId] = profile;
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes only the stored profile (<see cref="IProfileStore.EraseAsync"/>); the customer's tasks, ledger entries and
    /// rejected inputs are redacted by <see cref="EraseAsync(string, Instant, CancellationToken)"/>. True when a profile was stored.</summary>
    public ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken) => ValueTask.FromResult(_profiles.Remove(customerId));

    /// <summary>The enrollment with this id (<see cref="IEnrollmentStore.GetAsync"/>); when the stores compact, exited enrollments
    /// are only listed (<see cref="ListByCustomerAsync"/>), so this finds active ones only: nothing steps an exited one again.</summary>
    ValueTask<EnrollmentState?> IEnrollmentStore.GetAsync(string enrollmentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_enrollments.Get(enrollmentId));

    /// <summary>Creates or replaces the enrollment (<see cref="IEnrollmentStore.SaveAsync"/>). With <c>compactExited</c>, an exited
    /// enrollment is held inline in its customer's list (<see cref="EnrollmentSlot"/>: id, journey, key, entry time), and a new
    /// one shares its customer id string with the stored profile.</summary>
    public ValueTask SaveAsync(EnrollmentState state, CancellationToken cancellationToken)
    {
        _enrollments.Save(_compact && !_enrollments.Contains(state.EnrollmentId) ? WithStoredCustomerId(state) : state);
        return ValueTask.CompletedTask;
    }

    /// <summary>The enrollment with the stored profile's customer id string instead of its own copy (and its key too when that is
    /// the customer id), so the many enrollments of a large simulation share one string per customer; later states are copies of
    /// this one and keep the shared strings.</summary>
    private EnrollmentState WithStoredCustomerId(EnrollmentState state)
    {
        if (!_profiles.TryGetValue(state.CustomerId, out var profile) || ReferenceEquals(profile.CustomerId, state.CustomerId))
        {
            return state;
        }

        var id = profile.CustomerId;
        return state with { CustomerId = id, Key = string.Equals(state.Key, id, StringComparison.Ordinal) ? id : state.Key };
    }

    /// <summary>The customer's enrollments (active and exited) in the order they were first saved; empty for an unknown customer.</summary>
    public ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_enrollments.List(customerId));

    /// <summary>The customer's enrollments that have not exited (<see cref="IEnrollmentStore.ListActiveByCustomerAsync"/>), without
    /// reading inline exited ones back.</summary>
    public ValueTask<IReadOnlyList<EnrollmentState>> ListActiveByCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_enrollments.ListActive(customerId));

    /// <summary>The customer's enrollments in one journey (<see cref="IEnrollmentStore.ListByCustomerAndJourneyAsync"/>),
    /// reading back only that journey's inline exited ones.</summary>
    public ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAndJourneyAsync(string customerId, string journeyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_enrollments.ListInJourney(customerId, journeyId));

    /// <summary>The customer's enrollments in one journey as the entry rules read them
    /// (<see cref="IEnrollmentStore.EntryHistoryAsync"/>): inline exited ones as key and entry time, not read back as states.</summary>
    public ValueTask<EntryHistory> EntryHistoryAsync(string customerId, string journeyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_enrollments.HistoryInJourney(customerId, journeyId));

    /// <inheritdoc cref="IMessageLedger.TryReserveAsync"/>
    public ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (_ledger.ContainsKey(entry.Key) || _settledKeys.Contains(entry.Key))
        {
            return ValueTask.FromResult(false);
        }

        if (_compact && IsSettled(entry))
        {
            _settledKeys.Add(entry.Key);
        }
        else
        {
            _ledger.Add(entry.Key, entry);
        }

        if (!_compact || !IsSettled(entry) || entry.Status == LedgerStatus.Sent)
        {
            CustomerLedger(entry.CustomerId).Add(_compact && IsSettled(entry) ? LedgerSlot.Counted(entry) : LedgerSlot.Whole(entry));
        }

        return ValueTask.FromResult(true);
    }

    /// <summary>Replaces the entry with the same key (<see cref="IMessageLedger.UpdateAsync"/>). The key must have been reserved
    /// with <see cref="TryReserveAsync"/> first.</summary>
    public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var list = CustomerLedger(entry.CustomerId);
        var index = list.FindIndex(slot => slot.Open?.Key == entry.Key);
        if (!_compact || !IsSettled(entry))
        {
            _ledger[entry.Key] = entry;
            _settledKeys.Remove(entry.Key);
            if (index >= 0)
            {
                list[index] = LedgerSlot.Whole(entry);
            }
            else
            {
                list.Add(LedgerSlot.Whole(entry));
            }

            return ValueTask.CompletedTask;
        }

        _ledger.Remove(entry.Key);
        _settledKeys.Add(entry.Key);
        if (index >= 0)
        {
            list.RemoveAt(index);
        }

        if (entry.Status == LedgerStatus.Sent)
        {
            list.Add(LedgerSlot.Counted(entry));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Settled: nothing reads the entry back but the caps (reserved and deferred entries are still open).</summary>
    private static bool IsSettled(LedgerEntry entry) => entry.Status is not (LedgerStatus.Reserved or LedgerStatus.Deferred) && entry.Pending is null;

    private List<LedgerSlot> CustomerLedger(string customerId) =>
        _ledgerByCustomer.TryGetValue(customerId, out var list) ? list : _ledgerByCustomer[customerId] = [];

    ValueTask<LedgerEntry?> IMessageLedger.GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_ledger.GetValueOrDefault(key) ?? (_settledKeys.Contains(key) ? Settled : null));

    /// <summary>The customer's entries with status <see cref="LedgerStatus.Sent"/> and <c>SentAt</c> at or after <paramref name="since"/>,
    /// in reservation order (<see cref="IMessageLedger.ListSentSinceAsync"/>).
    /// When the stores compact, the counted slots sent before <paramref name="since"/> are dropped as they are read: the
    /// simulator asks with the delivery policy's look-back from a virtual clock that only moves forward, so no later question
    /// reaches back further, and a member's ledger holds only what its caps can still count instead of every message it was sent.</summary>
    public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken)
    {
        if (_compact)
        {
            // The look-back is the same for every customer at one instant, so one mark covers them all. A question reaching back
            // before it would need slots already let go; the interpreter's rules rule it out (the only stimulus dated before the
            // virtual time, a wake-up at a passed maximum duration, exits without sending), and this says so if that ever changes.
            if (_lookBackReached is { } reached && since < reached)
            {
                throw new InvalidOperationException($"the compacted ledger was asked for messages sent since {since}, before {reached}, which it has let go: compacted stores need a clock that only moves forward");
            }

            _lookBackReached = since;
        }

        var sent = new List<LedgerEntry>();
        if (!_ledgerByCustomer.TryGetValue(customerId, out var slots))
        {
            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(sent);
        }

        var kept = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var counts = slot.SentSince(since);
            if (counts)
            {
                sent.Add(slot.ToEntry());
            }

            if (counts || !_compact || slot.Open is not null)
            {
                slots[kept++] = slot;
            }
        }

        slots.RemoveRange(kept, slots.Count - kept);
        return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(sent);
    }

    /// <summary>Appends the task to <see cref="Tasks"/> unless a task with the same key was created before.</summary>
    public ValueTask CreateAsync(HumanTask task, CancellationToken cancellationToken)
    {
        if (_taskKeys.Add(task.TaskKey))
        {
            (_tasksByCustomer.TryGetValue(task.CustomerId, out var list) ? list : _tasksByCustomer[task.CustomerId] = []).Add(Tasks.Count);
            Tasks.Add(task);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="IEventInbox.IsProcessedAsync"/>
    public ValueTask<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_processed.Contains(eventId));

    /// <inheritdoc cref="IEventInbox.TryMarkProcessedAsync"/>
    public ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_processed.Add(eventId));

    /// <summary>Appends the rejected input to <see cref="Rejected"/>.</summary>
    public ValueTask RejectAsync(RejectedEvent rejected, CancellationToken cancellationToken)
    {
        Rejected.Add(rejected);
        return ValueTask.CompletedTask;
    }

    /// <summary>Erasure (<see cref="Erasure"/>'s rule): the customer's task titles, ledger entries and rejected lines are redacted.</summary>
    public async ValueTask EraseAsync(string customerId, Instant now, CancellationToken cancellationToken)
    {
        foreach (var i in _tasksByCustomer.GetValueOrDefault(customerId) ?? [])
        {
            Tasks[i] = Erasure.Scrub(Tasks[i]);
        }

        for (var i = 0; i < Rejected.Count; i++)
        {
            Rejected[i] = Erasure.Mentions(Rejected[i].Raw, customerId) ? Erasure.Scrub(Rejected[i]) : Rejected[i];
        }

        foreach (var entry in _ledgerByCustomer.GetValueOrDefault(customerId)?.Where(slot => slot.Open is not null).Select(slot => slot.Open!).ToList() ?? [])
        {
            if (entry.Key.Length > 0 && Erasure.Scrub(entry) is var scrubbed && !ReferenceEquals(scrubbed, entry))
            {
                await UpdateAsync(scrubbed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Appends the entry to <see cref="Timeline"/>, or passes it to the sink given to the constructor instead.</summary>
    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        if (_timeline is not null)
        {
            return _timeline.RecordAsync(entry, cancellationToken);
        }

        Timeline.Add(entry);
        return ValueTask.CompletedTask;
    }
}
