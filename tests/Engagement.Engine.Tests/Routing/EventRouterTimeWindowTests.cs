using Engagement.Engine.Events;
using Engagement.Engine.Routing;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>
/// The router's event-time window (<see cref="EventRouterOptions.Window"/>): judged against the message's enqueued time, so a
/// redelivery routed days later gets the same decision; the engine's own deferred-send events are not judged.
/// </summary>
public sealed class EventRouterTimeWindowTests : IDisposable
{
    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    private EventRouter Router() => new(_f.Catalog, _f.Ports, _f.Client, EventRouterOptions.Default with { Window = EventTimeWindow.Default });

    [Fact]
    public async Task Route_AnEventMoreThanADayAfterItsEnqueuedTime_IsDeadLetteredWithTheTimeReason_AndKept()
    {
        var message = RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0 + Duration.FromDays(2)) with { EnqueuedTime = RouterFixture.T0 };

        var result = await Router().RouteAsync(message, RouterFixture.T0);

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Equal("time: 2026-03-04T02:00:00Z is more than 24 hour(s) after the time it was received, 2026-03-02T02:00:00Z", result.Reason);
        var kept = Assert.Single(_f.Stores.Rejected);
        Assert.Equal(("time", "e1"), (kept.Field, kept.EventId));
        Assert.Empty(_f.Client.StartCalls);
    }

    [Fact]
    public async Task Route_ARedeliveryRoutedDaysLater_IsJudgedByItsEnqueuedTime_NotTheRoutingTime()
    {
        var message = RouterFixture.Message("e1", "customer.registered", "c1", RouterFixture.T0 - Duration.FromDays(3)) with { EnqueuedTime = RouterFixture.T0 - Duration.FromDays(3) };

        var result = await Router().RouteAsync(message with { DeliveryCount = 2 }, RouterFixture.T0);

        Assert.Equal(RouteOutcome.Routed, result.Outcome);
        Assert.Equal(2, result.Started.Count);
    }

    [Fact]
    public async Task Route_ADeferredSendDueLaterThanTheWindow_IsNotJudged()
    {
        var due = DeferredSends.Create("welcome-v1-c1-x/hello/1", "c1", RouterFixture.T0 + Duration.FromDays(3));

        var result = await Router().RouteAsync(new BusMessage(due.Id, "c1", EventJson.Write(due), 1, RouterFixture.T0), RouterFixture.T0);

        Assert.NotEqual(RouteOutcome.DeadLetter, result.Outcome);
        Assert.Empty(_f.Stores.Rejected);
    }
}
