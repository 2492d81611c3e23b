using Engagement.Journeys.Runtime;

namespace Engagement.Engine.InMemory;

/// <summary>
/// The enrollments of <see cref="InMemoryStores"/>: states by id, and each customer's enrollments in the order they were first
/// saved. When compacting, an exited enrollment leaves the id index and is held inline in its customer's list
/// (<see cref="EnrollmentSlot"/>), so it is listed but no longer found by id. Single-threaded, like the stores.
/// </summary>
internal sealed class EnrollmentTable(bool compact)
{
    private readonly Dictionary<string, EnrollmentState> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EnrollmentSlot>> _byCustomer = new(StringComparer.Ordinal);
    private int _inline;

    /// <summary>Number of enrollments held, inline ones included.</summary>
    public int Count => _byId.Count + _inline;

    /// <summary>Every enrollment, inline ones read back as states, in no particular order.</summary>
    public IEnumerable<EnrollmentState> All => _byId.Values
        .Concat(_byCustomer.SelectMany(c => c.Value.Where(slot => slot.Exited).Select(slot => slot.ToState(c.Key))));

    /// <summary>Whether an enrollment with this id is in the id index (an inline exited one is not).</summary>
    public bool Contains(string enrollmentId) => _byId.ContainsKey(enrollmentId);

    /// <summary>The indexed enrollment with this id, or null.</summary>
    public EnrollmentState? Get(string enrollmentId) => _byId.GetValueOrDefault(enrollmentId);

    /// <summary>Creates or replaces the enrollment, keeping its place in its customer's list.</summary>
    public void Save(EnrollmentState state)
    {
        var id = state.EnrollmentId;
        if (!compact || state.Status != EnrollmentStatus.Exited)
        {
            var indexed = _byId.TryGetValue(id, out var previous);
            _byId[id] = state;

            // An indexed enrollment keeps its slot (updated if its journey id changed: the slot holds it for listing by journey);
            // a new one gets one (an inline one, saved active again, its slot back).
            if (indexed && !string.Equals(previous!.JourneyId, state.JourneyId, StringComparison.Ordinal))
            {
                Replace(state.CustomerId, id, EnrollmentSlot.Indexed(state));
            }
            else if (!indexed && (!compact || !Replace(state.CustomerId, id, EnrollmentSlot.Indexed(state))))
            {
                Append(state.CustomerId, EnrollmentSlot.Indexed(state));
            }

            return;
        }

        _byId.Remove(id);
        var slot = EnrollmentSlot.Of(state, state.CustomerId);
        if (!Replace(state.CustomerId, id, slot))
        {
            Append(state.CustomerId, slot);
        }
    }

    /// <summary>The customer's enrollments in the order they were first saved, inline ones read back as states.</summary>
    public IReadOnlyList<EnrollmentState> List(string customerId)
    {
        if (!_byCustomer.TryGetValue(customerId, out var slots))
        {
            return [];
        }

        var states = new EnrollmentState[slots.Count];
        for (var i = 0; i < states.Length; i++)
        {
            var slot = slots[i];
            states[i] = slot.Exited ? slot.ToState(customerId) : _byId[slot.IndexedId];
        }

        return states;
    }

    /// <summary>The customer's enrollments that have not exited, in the order of <see cref="List"/>; inline ones are not read back.</summary>
    public IReadOnlyList<EnrollmentState> ListActive(string customerId)
    {
        if (!_byCustomer.TryGetValue(customerId, out var slots))
        {
            return [];
        }

        List<EnrollmentState>? states = null;
        foreach (var slot in slots)
        {
            if (!slot.Exited && _byId[slot.IndexedId] is { Status: not EnrollmentStatus.Exited } state)
            {
                (states ??= new List<EnrollmentState>(4)).Add(state);
            }
        }

        return states ?? (IReadOnlyList<EnrollmentState>)[];
    }

    /// <summary>The customer's enrollments in journey <paramref name="journeyId"/>, in the order of <see cref="List"/>; only that
    /// journey's inline ones are read back.</summary>
    public IReadOnlyList<EnrollmentState> ListInJourney(string customerId, string journeyId)
    {
        if (!_byCustomer.TryGetValue(customerId, out var slots))
        {
            return [];
        }

        // Counted first, so the array is sized once (the entry rules read HistoryInJourney instead, which builds no exited state).
        var count = 0;
        foreach (var slot in slots)
        {
            count += string.Equals(slot.JourneyId, journeyId, StringComparison.Ordinal) ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var states = new EnrollmentState[count];
        var i = 0;
        foreach (var slot in slots)
        {
            if (string.Equals(slot.JourneyId, journeyId, StringComparison.Ordinal))
            {
                states[i++] = slot.Exited ? slot.ToState(customerId) : _byId[slot.IndexedId];
            }
        }

        return states;
    }

    /// <summary>The customer's enrollments in journey <paramref name="journeyId"/> as the entry rules read them: indexed ones as
    /// states in the order of <see cref="List"/>, inline exited ones as key and entry time (no state or id built).</summary>
    public EntryHistory HistoryInJourney(string customerId, string journeyId)
    {
        if (!_byCustomer.TryGetValue(customerId, out var slots))
        {
            return EntryHistory.Empty;
        }

        // Counted first, so each part is one array of its size (or none).
        var indexed = 0;
        var inline = 0;
        foreach (var slot in slots)
        {
            if (string.Equals(slot.JourneyId, journeyId, StringComparison.Ordinal))
            {
                indexed += slot.Exited ? 0 : 1;
                inline += slot.Exited ? 1 : 0;
            }
        }

        if (indexed + inline == 0)
        {
            return EntryHistory.Empty;
        }

        var states = indexed == 0 ? [] : new EnrollmentState[indexed];
        var exited = inline == 0 ? [] : new ExitedEnrollment[inline];
        var (s, e) = (0, 0);
        foreach (var slot in slots)
        {
            if (!string.Equals(slot.JourneyId, journeyId, StringComparison.Ordinal))
            {
                continue;
            }

            if (slot.Exited)
            {
                exited[e++] = new ExitedEnrollment(slot.Key!, slot.EnteredAt);
            }
            else
            {
                states[s++] = _byId[slot.IndexedId];
            }
        }

        return new EntryHistory(states, exited);
    }

    /// <summary>Adds a slot at the end of the customer's list, growing a full list by a quarter (at least four slots) instead of
    /// doubling it: a member's list only grows, by one enrollment at a time, and a doubled list is about a third empty.</summary>
    private void Append(string customerId, EnrollmentSlot slot)
    {
        var slots = _byCustomer.TryGetValue(customerId, out var list) ? list : _byCustomer[customerId] = new List<EnrollmentSlot>(4);
        if (slots.Count == slots.Capacity)
        {
            slots.Capacity = slots.Count + Math.Max(4, slots.Count / 4);
        }

        slots.Add(slot);
        _inline += slot.Exited ? 1 : 0;
    }

    /// <summary>Puts <paramref name="slot"/> in the place of the customer's slot with this id; false when there is none.</summary>
    private bool Replace(string customerId, string enrollmentId, EnrollmentSlot slot)
    {
        var slots = _byCustomer.GetValueOrDefault(customerId) ?? [];
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i].Is(enrollmentId, customerId))
            {
                _inline += (slot.Exited ? 1 : 0) - (slots[i].Exited ? 1 : 0);
                slots[i] = slot;
                return true;
            }
        }

        return false;
    }
}
