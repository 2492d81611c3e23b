using Engagement.Engine.Routing;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>Messages the router refuses: each is dead-lettered with a reason naming the field, kept as a rejected input, and changes nothing.</summary>
public sealed class EventRouterPoisonTests : IDisposable
{
    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task AssertNothingHappenedAsync()
    {
        Assert.Empty(_f.Client.StartCalls);
        Assert.Empty(_f.Client.Raised);
        Assert.Null(await _f.Stores.GetAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task Route_DeliveredMoreOftenThanTheMaximum_IsDeadLetteredAsPoison()
    {
        var message = RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0, deliveryCount: 6);

        var result = await _f.RouteAsync(message);

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Equal("deliveryCount: delivered 6 times, more than the maximum of 5 (poison message)", result.Reason);
        Assert.Equal("deliveryCount", result.ShortReason);
        var rejected = Assert.Single(_f.Stores.Rejected);
        Assert.Equal(message.Body, rejected.Raw);
        Assert.Equal("servicebus", rejected.Source);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Route_AtTheMaximumDeliveryCount_IsStillProcessed()
    {
        var result = await _f.RouteAsync(RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0, deliveryCount: 5));

        Assert.Equal(RouteOutcome.Routed, result.Outcome);
        Assert.Equal(2, result.Started.Count);
    }

    [Fact]
    public async Task Route_MalformedJson_IsDeadLetteredAndTheBodyKept()
    {
        var message = new BusMessage("m1", "c1", "{ \"id\": \"e1\", \"type\": ", 1, RouterFixture.T0);

        var result = await _f.RouteAsync(message);

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.StartsWith("body: malformed JSON at position", result.Reason);
        Assert.Equal("body", result.ShortReason);
        var rejected = Assert.Single(_f.Stores.Rejected);
        Assert.Equal(message.Body, rejected.Raw);
        Assert.Null(rejected.Field);
        Assert.Equal("m1", rejected.EventId);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Route_MissingCustomerId_IsDeadLetteredNamingTheField()
    {
        var message = new BusMessage("e1", "c1", """{ "id": "e1", "type": "customer.registered", "time": "2026-03-02T02:00:00Z" }""", 1, RouterFixture.T0);

        var result = await _f.RouteAsync(message);

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Equal("customerId: 'customerId' is missing: expected the customer's id, e.g. \"c000123\"", result.Reason);
        Assert.Equal("customerId", Assert.Single(_f.Stores.Rejected).Field);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Route_SessionIdOfAnotherCustomer_IsDeadLetteredAndNotApplied()
    {
        var result = await _f.RouteAsync(RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0, session: "c2"));

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Equal("customerId", result.ShortReason);
        Assert.Contains("session id", result.Reason);
        Assert.Equal("e1", result.EventId);
        await AssertNothingHappenedAsync();

        // Not marked processed: the same event published correctly is routed.
        Assert.Equal(RouteOutcome.Routed, (await _f.RouteAsync(RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0))).Outcome);
    }

    [Fact]
    public async Task Route_MessageWithoutSessionId_IsDeadLettered()
    {
        var result = await _f.RouteAsync(RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0, session: null));

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Contains("no session id", result.Reason);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Route_TheEnginesReservedExitType_IsRefused()
    {
        var result = await _f.RouteAsync("e1", "engagement.exit-requested", "c1", RouterFixture.T0, """{ "reason": "x" }""");

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Equal("type", result.ShortReason);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Route_DuplicateMessage_IsIgnored()
    {
        var first = await _f.RouteAsync("e1", "customer.registered", "c1", RouterFixture.T0, """{ "tier": "Gold" }""");
        var again = await _f.RouteAsync("e1", "customer.registered", "c1", RouterFixture.T0 + Duration.FromMinutes(1), """{ "tier": "Silver" }""");

        Assert.Equal(RouteOutcome.Routed, first.Outcome);
        Assert.Equal(RouteOutcome.Duplicate, again.Outcome);
        Assert.Equal("e1", again.EventId);
        Assert.Empty(again.Started);
        Assert.Equal(2, _f.Client.StartCalls.Count);
        Assert.Equal("Gold", (await _f.Stores.GetAsync("c1", CancellationToken.None))!.Attributes["tier"].AsString());
        Assert.Empty(_f.Stores.Rejected);
    }

    [Fact]
    public async Task Route_DuplicateOrder_IsCountedOnce()
    {
        await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0);
        await _f.RouteAsync("o1", "order.placed", "c1", RouterFixture.T0 + Duration.FromHours(1), """{ "amount": 10 }""");
        var raisedBefore = _f.Client.Raised.Count;

        var again = await _f.RouteAsync("o1", "order.placed", "c1", RouterFixture.T0 + Duration.FromHours(2), """{ "amount": 10 }""");

        Assert.Equal(RouteOutcome.Duplicate, again.Outcome);
        var profile = await _f.Stores.GetAsync("c1", CancellationToken.None);
        Assert.Equal(1, profile!.Attributes["orderCount"].AsNumber());
        Assert.Equal(raisedBefore, _f.Client.Raised.Count);
    }
}
