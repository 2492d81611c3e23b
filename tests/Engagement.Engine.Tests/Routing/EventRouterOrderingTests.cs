using Engagement.Engine.Profiles;
using Engagement.Engine.Routing;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>The out-of-order rule (<see cref="EventOrdering"/>): late state never overwrites newer state; late facts still count; stops always win.</summary>
public sealed class EventRouterOrderingTests : IDisposable
{
    private static readonly Instant T10 = RouterFixture.T0 + Duration.FromHours(10);
    private static readonly Instant T9 = RouterFixture.T0 + Duration.FromHours(9);
    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<CustomerProfile> ProfileAsync() => (await _f.Stores.GetAsync("c1", CancellationToken.None))!;

    [Fact]
    public async Task Route_LateProfileUpdate_DoesNotOverwriteTheNewerOne()
    {
        await _f.RouteAsync("u10", "customer.updated", "c1", T10, """{ "tier": "Gold" }""");

        var late = await _f.RouteAsync("u9", "customer.updated", "c1", T9, """{ "tier": "Silver" }""");

        Assert.Equal(RouteOutcome.Stale, late.Outcome);
        Assert.StartsWith("time: out of order: customer.updated at 2026-03-02T11:00:00Z is older than the last applied event at 2026-03-02T12:00:00Z", late.Reason);
        var profile = await ProfileAsync();
        Assert.Equal("Gold", profile.Attributes["tier"].AsString());
        Assert.Equal(T10, profile.LastEventAt);
        var rejected = Assert.Single(_f.Stores.Rejected);
        Assert.Equal("time", rejected.Field);
        Assert.Equal("u9", rejected.EventId);
    }

    [Fact]
    public async Task Route_LateRegistration_StartsNoJourney()
    {
        await _f.RouteAsync("u10", "customer.updated", "c1", T10, """{ "tier": "Gold" }""");

        var late = await _f.RouteAsync("r9", "customer.registered", "c1", T9);

        Assert.Equal(RouteOutcome.Stale, late.Outcome);
        Assert.Empty(late.Started);
        Assert.Empty(_f.Client.StartCalls);
    }

    [Fact]
    public async Task Route_LateConsentGrant_DoesNotUndoANewerRevocation()
    {
        await _f.RouteAsync("rv", "consent.revoked", "c1", T10, """{ "channel": "email" }""");

        var late = await _f.RouteAsync("gr", "consent.granted", "c1", T9, """{ "channel": "email" }""");

        Assert.Equal(RouteOutcome.Stale, late.Outcome);
        Assert.False((await ProfileAsync()).ConsentFor("email", ConsentPurpose.Marketing)!.Granted);
    }

    [Fact]
    public async Task Route_LateUnsubscribe_IsStillHonouredAndExitsTheJourney()
    {
        var welcome = await _f.ReachAsync("welcome", "c1", Journeys.Runtime.EnrollmentStatus.Waiting, awaiting: "order.placed");
        await _f.RouteAsync("gr", "consent.granted", "c1", T10, """{ "channel": "email" }""");

        var late = await _f.RouteAsync("un", "customer.unsubscribed", "c1", T9, """{ "channel": "email" }""");

        Assert.Equal(RouteOutcome.Routed, late.Outcome);
        Assert.Equal([welcome.EnrollmentId], late.Exited);
        var profile = await ProfileAsync();
        Assert.False(profile.ConsentFor("email", ConsentPurpose.Marketing)!.Granted);
        Assert.Equal(T10, profile.LastEventAt);
    }

    [Fact]
    public async Task Route_LateOrder_IsCountedAndRoutedButLastOrderAtNeverMovesBack()
    {
        var welcome = await _f.ReachAsync("welcome", "c1", Journeys.Runtime.EnrollmentStatus.Waiting, awaiting: "order.placed");
        await _f.RouteAsync("r0", "customer.registered", "c1", RouterFixture.T0);
        await _f.RouteAsync("o10", "order.placed", "c1", T10, """{ "amount": 100 }""");

        var late = await _f.RouteAsync("o9", "order.placed", "c1", T9, """{ "amount": 50 }""");

        Assert.Equal(RouteOutcome.Routed, late.Outcome);
        Assert.Contains(welcome.EnrollmentId, late.Raised);
        var profile = await ProfileAsync();
        Assert.Equal(2, profile.Attributes["orderCount"].AsNumber());
        Assert.Equal(150, profile.Attributes["totalSpent"].AsNumber());
        Assert.Equal("2026-03-02T12:00:00Z", profile.Attributes["lastOrderAt"].AsString());
        Assert.Equal(T10, profile.LastEventAt);
    }

    [Fact]
    public async Task Route_EventsInOrder_AdvanceLastEventAt()
    {
        await _f.RouteAsync("u9", "customer.updated", "c1", T9, """{ "tier": "Silver" }""");
        await _f.RouteAsync("u10", "customer.updated", "c1", T10, """{ "tier": "Gold" }""");

        var profile = await ProfileAsync();
        Assert.Equal("Gold", profile.Attributes["tier"].AsString());
        Assert.Equal(T10, profile.LastEventAt);
        Assert.Empty(_f.Stores.Rejected);
    }
}
