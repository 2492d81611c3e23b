using System.Collections.Immutable;
using Engagement.Engine.Consent;
using Engagement.Engine.Effects;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>
/// The one routing of an event, for both hosts: erasure, the out-of-order rule, the profile change, consent exits, deliveries
/// to waiting enrollments, then entry decisions. <see cref="EngagementEngine"/> carries a plan out by stepping enrollments in
/// process; <see cref="EventRouter"/> by orchestration calls. Where the hosts differ is named by <see cref="RoutingRules"/>. Pure.
/// </summary>
public static class RoutingPlanner
{
    /// <summary>Plans event <paramref name="e"/> given the stored profile and the customer's stored enrollments.</summary>
    /// <param name="e">The event (not a duplicate).</param>
    /// <param name="stored">The stored profile, or null.</param>
    /// <param name="enrollments">The customer's stored enrollments. Under <see cref="StoredStates.Current"/> only those that have
    /// not exited are read, so a host may pass only those.</param>
    /// <param name="journey">The journey of an enrollment, by id and version.</param>
    /// <param name="rules">The host's rules.</param>
    public static RoutingPlan Plan(CustomerEvent e, CustomerProfile? stored, IReadOnlyList<EnrollmentState> enrollments, Func<string, int, JourneyDefinition> journey, RoutingRules rules)
    {
        var empty = stored ?? new CustomerProfile { CustomerId = e.CustomerId };
        if (e.Type == Erasure.EventType)
        {
            var exits = enrollments.Where(s => s.Status != EnrollmentStatus.Exited).Select(s => new PlannedExit(s, ExitReasons.Erased)).ToImmutableArray();
            return new RoutingPlan(RoutingPlanKind.Erase, new CustomerProfile { CustomerId = e.CustomerId }, false, exits, []);
        }

        if (rules.Late == LateEvents.StateSettingSkipped && EventOrdering.IsLate(stored, e) && EventOrdering.SkipsWhenLate(e.Type))
        {
            return new RoutingPlan(RoutingPlanKind.SkipLate, empty, false, [], [], EventOrdering.LateReason(e, stored!));
        }

        var advance = rules.Late == LateEvents.StateSettingSkipped;
        var profile = ProfileEvents.ApplyOnce(empty, e, advance)
            ?? (advance ? EventOrdering.Advance(new CustomerProfile { CustomerId = e.CustomerId }, e) : new CustomerProfile { CustomerId = e.CustomerId });

        if (enrollments.Count == 0)
        {
            return new RoutingPlan(RoutingPlanKind.Route, profile, !ReferenceEquals(profile, stored), [], []); // a customer in no journey yet
        }

        var exiting = ConsentEvents.JourneysToExit(e, enrollments, journey).Select(s => s.EnrollmentId).ToHashSet(StringComparer.Ordinal);
        var deliveries = enrollments.Where(s => !exiting.Contains(s.EnrollmentId) && Concerns(s, e, journey, rules)).ToImmutableArray();
        return new RoutingPlan(
            RoutingPlanKind.Route,
            profile,
            !ReferenceEquals(profile, stored),
            [.. enrollments.Where(s => exiting.Contains(s.EnrollmentId)).Select(s => new PlannedExit(s, ExitReasons.Unsubscribed))],
            deliveries);
    }

    /// <summary>Whether enrollment <paramref name="s"/> is delivered event <paramref name="e"/> under <paramref name="rules"/>.</summary>
    private static bool Concerns(EnrollmentState s, CustomerEvent e, Func<string, int, JourneyDefinition> journey, RoutingRules rules) => rules.States == StoredStates.Current
        ? s.Status == EnrollmentStatus.Waiting && EventInterest.Cares(journey(s.JourneyId, s.JourneyVersion), s, e.Type)
        : !RedeliveredEntry.IsOwnRecord(s, e) && EventInterest.MayCare(journey(s.JourneyId, s.JourneyVersion), s, e.Type);

    /// <summary>
    /// The enrollment event <paramref name="e"/> starts in <paramref name="definition"/> (a latest version), or null when its
    /// trigger does not match or the entry rules say no. <paramref name="mine"/> are the customer's enrollments of that journey as
    /// the host sees them once the plan's exits and deliveries (and earlier starts) are carried out: the embedded engine as
    /// stepped; the orchestrated host as stored, with the plan's exits marked exited.
    /// </summary>
    public static PlannedStart? Start(JourneyDefinition definition, CustomerEvent e, ProfileSnapshot snapshot, IReadOnlyList<EnrollmentState> mine, RoutingRules rules) =>
        Start(definition, e, snapshot, new EntryHistory(mine), rules);

    /// <summary>
    /// <see cref="Start(JourneyDefinition, CustomerEvent, ProfileSnapshot, IReadOnlyList{EnrollmentState}, RoutingRules)"/> over a
    /// history whose exited enrollments the host may hold as key and entry time only (<see cref="EntryHistory"/>); the
    /// enrollments to exit first come from its whole states.
    /// </summary>
    public static PlannedStart? Start(JourneyDefinition definition, CustomerEvent e, ProfileSnapshot snapshot, EntryHistory mine, RoutingRules rules)
    {
        if (!definition.Trigger.Matches(e.Type))
        {
            return null;
        }

        var decision = rules.States == StoredStates.Current
            ? JourneyEntry.Decide(definition, e, snapshot, mine)
            : RedeliveredEntry.Decide(definition, e, snapshot, mine);
        if (decision.Kind != EntryDecisionKind.Enroll)
        {
            return null;
        }

        var exitFirst = decision.ExitFirst.Select(id => mine.States.First(s => s.EnrollmentId == id)).ToImmutableArray();
        return new PlannedStart(definition, EnrollmentState.Create(definition.Id, definition.Version, e.CustomerId, decision.EnrollmentKey!), exitFirst);
    }
}
