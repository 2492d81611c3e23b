using System.Collections.Immutable;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>
/// What one event does to one customer, decided by <see cref="RoutingPlanner.Plan"/> before anything is carried out: the
/// profile change, the enrollments it ends, the enrollments it is delivered to. New enrollments come from
/// <see cref="RoutingPlanner.Start(JourneyDefinition, CustomerEvent, ProfileSnapshot, EntryHistory, RoutingRules)"/> once the host has carried these out. Immutable.
/// </summary>
/// <param name="Kind">Route, erase, or skip a late event.</param>
/// <param name="Profile">The profile after the event (for <see cref="RoutingPlanKind.SkipLate"/> the stored one; for
/// <see cref="RoutingPlanKind.Erase"/> an empty one, so no personal data is carried into the exits).</param>
/// <param name="ProfileChanged">Whether <paramref name="Profile"/> differs from the stored profile and must be saved.</param>
/// <param name="Exits">Enrollments to end now: consent revocations (<c>unsubscribed</c>) or, for an erasure, every active one (<c>erased</c>).</param>
/// <param name="Deliveries">Enrollments to deliver the event to, in stored order.</param>
/// <param name="LateReason">For <see cref="RoutingPlanKind.SkipLate"/>, the reason kept with the rejected input.</param>
public sealed record RoutingPlan(
    RoutingPlanKind Kind,
    CustomerProfile Profile,
    bool ProfileChanged,
    ImmutableArray<PlannedExit> Exits,
    ImmutableArray<EnrollmentState> Deliveries,
    string? LateReason = null);
