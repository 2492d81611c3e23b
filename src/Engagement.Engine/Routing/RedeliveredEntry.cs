using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>
/// Entry decisions that survive a redelivery. The router stores a new enrollment (status <see cref="EnrollmentStatus.New"/>,
/// <see cref="EnrollmentState.Event"/> = the triggering event) before starting its instance; if the start then fails, the
/// redelivered event finds that record and <see cref="JourneyEntry"/> would say "already enrolled". So the records this very
/// event left behind are left out of the decision, and the enrollment is started again (a no-op when its instance exists). Pure.
/// </summary>
internal static class RedeliveredEntry
{
    /// <summary>The record stored for <paramref name="e"/>'s enrollment before its start.</summary>
    public static EnrollmentState Record(EnrollmentState fresh, CustomerEvent e, NodaTime.Instant now) => fresh with { EnteredAt = now, Event = e.ToScopeValue() };

    /// <summary><see cref="JourneyEntry.Decide(JourneyDefinition, CustomerEvent, ProfileSnapshot?, EntryHistory)"/> over
    /// <paramref name="mine"/> without the records <paramref name="e"/> stored itself (whole states, status new).</summary>
    public static EntryDecision Decide(JourneyDefinition definition, CustomerEvent e, ProfileSnapshot snapshot, EntryHistory mine)
    {
        var others = mine.States.Where(s => !IsOwnRecord(s, e)).ToList();
        return JourneyEntry.Decide(definition, e, snapshot, others.Count == mine.States.Count ? mine : new EntryHistory(others, mine.Exited));
    }

    /// <summary>Whether <paramref name="s"/> is the record <paramref name="e"/> stored for a start of its own (on a redelivery).</summary>
    public static bool IsOwnRecord(EnrollmentState s, CustomerEvent e) =>
        s.Status == EnrollmentStatus.New && string.Equals(s.Event["id"].AsString(), e.Id, StringComparison.Ordinal);
}
