using Engagement.Engine.Consent;
using Engagement.Engine.Effects;
using Engagement.Engine.Profiles;
using Engagement.Engine.Routing;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>The one routing plan both hosts carry out, and the two documented ways their rules differ.</summary>
public sealed class RoutingPlannerTests : IDisposable
{
    private static readonly Instant T0 = RouterFixture.T0;
    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static CustomerEvent Event(string type, Instant at, string data = "{}") => new($"{type}@{at}", type, "c1", at, ValueJson.Parse(data));

    [Fact]
    public void Plan_LateStateSettingEvent_IsSkippedByTheOrchestratedRulesAndAppliedByTheEmbeddedOnes()
    {
        var stored = new CustomerProfile { CustomerId = "c1", LastEventAt = T0 };
        var late = Event("customer.updated", T0 - Duration.FromHours(1), """{ "locale": "de" }""");

        var orchestrated = RoutingPlanner.Plan(late, stored, [], _f.Catalog.Get, RoutingRules.Orchestrated);
        var embedded = RoutingPlanner.Plan(late, stored, [], _f.Catalog.Get, RoutingRules.Embedded);

        Assert.Equal(RoutingPlanKind.SkipLate, orchestrated.Kind);
        Assert.StartsWith("time: out of order: customer.updated", orchestrated.LateReason, StringComparison.Ordinal);
        Assert.False(orchestrated.ProfileChanged);
        Assert.Equal(RoutingPlanKind.Route, embedded.Kind);
        Assert.True(embedded.ProfileChanged);
        Assert.Equal(T0, embedded.Profile.LastEventAt);
    }

    [Fact]
    public void Plan_Erasure_ExitsEveryActiveEnrollmentAndCarriesNoProfile()
    {
        var waiting = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting, AwaitingEvent = "order.placed" };
        var done = EnrollmentState.Create("birthday", 1, "c1", "c1") with { Status = EnrollmentStatus.Exited };
        var stored = new CustomerProfile { CustomerId = "c1", Email = "c1@example.com" };

        var plan = RoutingPlanner.Plan(Event(Erasure.EventType, T0), stored, [waiting, done], _f.Catalog.Get, RoutingRules.Embedded);

        Assert.Equal(RoutingPlanKind.Erase, plan.Kind);
        Assert.Equal([(waiting.EnrollmentId, ExitReasons.Erased)], plan.Exits.Select(x => (x.State.EnrollmentId, x.Reason)).ToArray());
        Assert.Null(plan.Profile.Email);
        Assert.Empty(plan.Deliveries);
    }

    [Fact]
    public void Plan_ConsentRevoked_ExitsTheMarketingEnrollmentInsteadOfDeliveringToIt()
    {
        var welcome = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting, AwaitingEvent = "order.placed" };
        var complaint = EnrollmentState.Create("complaint", 1, "c1", "k1") with { Status = EnrollmentStatus.Waiting, AwaitingEvent = "consent.revoked" };
        var revoked = Event(ConsentEvents.Revoked, T0, """{ "channel": "email", "purpose": "marketing" }""");

        foreach (var rules in new[] { RoutingRules.Embedded, RoutingRules.Orchestrated })
        {
            var plan = RoutingPlanner.Plan(revoked, null, [welcome, complaint], _f.Catalog.Get, rules);

            Assert.Equal([(welcome.EnrollmentId, ExitReasons.Unsubscribed)], plan.Exits.Select(x => (x.State.EnrollmentId, x.Reason)).ToArray());
            Assert.Equal([complaint.EnrollmentId], plan.Deliveries.Select(d => d.EnrollmentId).ToArray());
        }
    }

    [Fact]
    public void Plan_WaitForEventTheStoredStateHasNotReached_IsDeliveredOnlyWhereStoredStatesMayLag()
    {
        var entered = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting };
        var order = Event("order.placed", T0);

        Assert.Empty(RoutingPlanner.Plan(order, null, [entered], _f.Catalog.Get, RoutingRules.Embedded).Deliveries);
        Assert.Equal([entered.EnrollmentId], RoutingPlanner.Plan(order, null, [entered], _f.Catalog.Get, RoutingRules.Orchestrated).Deliveries.Select(d => d.EnrollmentId).ToArray());
    }

    [Fact]
    public void Start_TriggerMatchesAndNoEnrollment_StartsOneNewEnrollment()
    {
        var registered = Event("customer.registered", T0);
        var snapshot = new CustomerProfile { CustomerId = "c1" }.ToSnapshot();

        var start = RoutingPlanner.Start(_f.Catalog.Get("welcome", 1), registered, snapshot, [], RoutingRules.Embedded);
        var none = RoutingPlanner.Start(_f.Catalog.Get("complaint", 1), registered, snapshot, [], RoutingRules.Embedded);

        Assert.Equal((EnrollmentStatus.New, "welcome"), (start!.Fresh.Status, start.Fresh.JourneyId));
        Assert.Empty(start.ExitFirst);
        Assert.Null(none);
    }
}
