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
    private readonly Dictionary<string, EnrollmentState> _enrollments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerEntry> _ledger = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerEntry>> _ledgerByCustomer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _tasksByCustomer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taskKeys = new(StringComparer.Ordinal);
    private readonly ITimelineSink? _timeline;
    private readonly bool _compact;

    /// <summary>Creates empty stores; timeline entries are kept in <see cref="Timeline"/>, or passed on to <paramref name="timeline"/> when given.
    /// <paramref name="compactExited"/> (the simulator's choice) keeps of an exited enrollment only what the entry rules read
    /// (ids, key, status, times, exit reason): its triggering event and step occurrences are dropped, since nothing steps it again.</summary>
    public InMemoryStores(ITimelineSink? timeline = null, bool compactExited = false)
    {
        _timeline = timeline;
        _compact = compactExited;
    }

    /// <summary>Tasks in creation order.</summary>
    public List<HumanTask> Tasks { get; } = [];

    /// <summary>Rejected inputs in arrival order.</summary>
    public List<RejectedEvent> Rejected { get; } = [];

    /// <summary>The timeline in recording order (empty when entries are passed on to another sink).</summary>
    public List<TimelineEntry> Timeline { get; } = [];

    /// <summary>Number of enrollments stored.</summary>
    public int EnrollmentCount => _enrollments.Count;

    /// <summary>Every enrollment, in id order.</summary>
    public IEnumerable<EnrollmentState> Enrollments => _enrollments.Values.OrderBy(e => e.EnrollmentId, StringComparer.Ordinal);

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

    ValueTask<EnrollmentState?> IEnrollmentStore.GetAsync(string enrollmentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_enrollments.GetValueOrDefault(enrollmentId));

    /// <summary>Creates or replaces the enrollment (<see cref="IEnrollmentStore.SaveAsync"/>). With <c>compactExited</c>, an exited
    /// enrollment is stored without its triggering event and step occurrences.</summary>
    public ValueTask SaveAsync(EnrollmentState state, CancellationToken cancellationToken)
    {
        if (_compact && state.Status == EnrollmentStatus.Exited)
        {
            state = state with { Event = Value.EmptyObject, Occurrences = ImmutableSortedDictionary<string, int>.Empty };
        }

        if (_enrollments.TryAdd(state.EnrollmentId, state))
        {
            (_byCustomer.TryGetValue(state.CustomerId, out var list) ? list : _byCustomer[state.CustomerId] = []).Add(state.EnrollmentId);
        }
        else
        {
            _enrollments[state.EnrollmentId] = state;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The customer's enrollments (active and exited) in the order they were first saved; empty for an unknown customer.</summary>
    public ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<EnrollmentState>>(_byCustomer.TryGetValue(customerId, out var ids) ? ids.Select(id => _enrollments[id]).ToList() : []);

    /// <inheritdoc cref="IMessageLedger.TryReserveAsync"/>
    public ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (!_ledger.TryAdd(entry.Key, entry))
        {
            return ValueTask.FromResult(false);
        }

        (_ledgerByCustomer.TryGetValue(entry.CustomerId, out var list) ? list : _ledgerByCustomer[entry.CustomerId] = []).Add(entry);
        return ValueTask.FromResult(true);
    }

    /// <summary>Replaces the entry with the same key (<see cref="IMessageLedger.UpdateAsync"/>). The key must have been reserved
    /// with <see cref="TryReserveAsync"/> first.</summary>
    public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        _ledger[entry.Key] = entry;
        var list = _ledgerByCustomer[entry.CustomerId];
        list[list.FindIndex(e => e.Key == entry.Key)] = entry;
        return ValueTask.CompletedTask;
    }

    ValueTask<LedgerEntry?> IMessageLedger.GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(_ledger.GetValueOrDefault(key));

    /// <summary>The customer's entries with status <see cref="LedgerStatus.Sent"/> and <c>SentAt</c> at or after <paramref name="since"/>,
    /// in reservation order (<see cref="IMessageLedger.ListSentSinceAsync"/>).</summary>
    public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(_ledgerByCustomer.TryGetValue(customerId, out var list)
            ? list.Where(e => e.Status == LedgerStatus.Sent && e.SentAt >= since).ToList()
            : []);

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
    public ValueTask<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken) => ValueTask.FromResult(_processed.Contains(eventId));

    /// <inheritdoc cref="IEventInbox.TryMarkProcessedAsync"/>
    public ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken) => ValueTask.FromResult(_processed.Add(eventId));

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

        foreach (var entry in _ledgerByCustomer.GetValueOrDefault(customerId)?.ToList() ?? [])
        {
            if (Erasure.Scrub(entry) is var scrubbed && !ReferenceEquals(scrubbed, entry))
            {
                await UpdateAsync(scrubbed, cancellationToken);
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
