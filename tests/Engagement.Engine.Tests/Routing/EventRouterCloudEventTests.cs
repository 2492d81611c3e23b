using Engagement.Engine.Integrations;
using Engagement.Engine.Routing;

namespace Engagement.Engine.Tests.Routing;

/// <summary>Service Bus messages that carry one CloudEvent in structured mode (Event Grid → Service Bus) are routed like engine events.</summary>
public sealed class EventRouterCloudEventTests : IDisposable
{
    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    private const string Registered =
        """{"specversion":"1.0","type":"customer.registered","source":"/crm","id":"r1","subject":"c1","data":{"email":"c1@example.com","locale":"en"}}""";

    [Fact]
    public async Task Route_StructuredCloudEvent_UpdatesTheProfileAndStartsJourneys()
    {
        var result = await _f.RouteAsync(new BusMessage("m1", "c1", Registered, 1, RouterFixture.T0));

        Assert.Equal(RouteOutcome.Routed, result.Outcome);
        Assert.NotEmpty(result.Started);
        Assert.Equal("c1@example.com", (await _f.Stores.GetAsync("c1", CancellationToken.None))!.Email);
    }

    [Fact]
    public async Task Route_SameCloudEventRedelivered_IsADuplicate()
    {
        await _f.RouteAsync(new BusMessage("m1", "c1", Registered, 1, RouterFixture.T0));

        var again = await _f.RouteAsync(new BusMessage("m2", "c1", Registered, 1, RouterFixture.T0.PlusTicks(1)));

        Assert.Equal(RouteOutcome.Duplicate, again.Outcome);
    }

    [Fact]
    public async Task Route_CloudEventWithoutCustomerId_IsDeadLetteredAndKept()
    {
        const string Body = """{"specversion":"1.0","type":"customer.registered","source":"/crm","id":"r2"}""";

        var result = await _f.RouteAsync(new BusMessage("m1", "c1", Body, 1, RouterFixture.T0));

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        var rejected = Assert.Single(_f.Stores.Rejected);
        Assert.Equal((Body, CloudEventMapping.DefaultCustomerIdAttribute), (rejected.Raw, rejected.Field));
    }

    [Fact]
    public void BusBody_CloudEventWithoutTime_TakesTheEnqueuedTime()
    {
        Assert.True(BusBody.TryParse(Registered, CloudEventMapping.Default, RouterFixture.T0, out var e, out _, out var error), error);

        Assert.Equal((RouterFixture.T0, CloudEventMapping.EventId("/crm", "r1")), (e!.Time, e.Id));
    }
}
