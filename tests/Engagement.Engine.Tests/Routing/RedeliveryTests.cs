using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Engagement.Engine.Tests.Orchestration;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>
/// A message whose work fails midway is not marked processed, so its redelivery does the rest: in the embedded engine and in the
/// Azure router, with each message sent once and each profile change applied once.
/// </summary>
public sealed class RedeliveryTests : IDisposable
{
    private static readonly Instant T1 = RouterFixture.T0 + Duration.FromHours(1);
    private readonly RouterFixture _f = new();
    private readonly List<OutboundMessage> _messages = [];

    public void Dispose() => _f.Dispose();

    private IChannelSender[] Channels => [new OutboxChannel("email", _messages), new OutboxChannel("sms", _messages)];

    private DeliveryPipeline Delivery(ITimelineSink timeline) =>
        new(DeliveryPolicy.Empty, _f.Stores, _f.Catalog.Templates, Channels, _f.Stores, timeline, _f.Queue, links: null);

    private static CustomerEvent Event(string id, string type, Instant at, string data) => new(id, type, "c1", at, ValueJson.Parse(data));

    [Theory]
    [InlineData(TimelineKind.Entered)]
    [InlineData(TimelineKind.Sent)]
    public async Task Engine_EventThatFailsMidway_IsDoneByItsRedeliveryWithOneMessageAndOneProfileChange(TimelineKind failingAt)
    {
        var timeline = new FailingTimeline(_f.Stores, t => t.Kind == failingAt && t.Journey == "complaint");
        var engine = new EngagementEngine(_f.Catalog, _f.Ports with { Timeline = timeline, Channels = Channels }, Delivery(timeline));
        await engine.HandleEventAsync(Event("r1", "customer.registered", RouterFixture.T0, """{ "email": "c1@example.com", "locale": "en" }"""), RouterFixture.T0);
        var opened = Event("k1", "complaint.opened", T1, """{ "complaintId": "cmp-1" }""");

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.HandleEventAsync(opened, T1).AsTask());
        Assert.False(await _f.Stores.IsProcessedAsync("k1", default));
        Assert.True(await engine.HandleEventAsync(opened, T1));
        Assert.False(await engine.HandleEventAsync(opened, T1));

        Assert.Equal(1, timeline.Failure.Failures);
        Assert.Equal("sorry", Assert.Single(_messages).Template);
        var complaint = await ((IEnrollmentStore)_f.Stores).GetAsync(EnrollmentIds.For("complaint", 1, "c1", "cmp-1"), default);
        Assert.Equal(EnrollmentStatus.Waiting, complaint!.Status);
        Assert.Equal("complaint.resolved", complaint.AwaitingEvent);
        var profile = await ((IProfileStore)_f.Stores).GetAsync("c1", default);
        Assert.Equal(1, profile!.Attributes["openComplaints"].AsNumber());
    }

    [Fact]
    public async Task Router_StartThatFailsMidway_IsDoneByTheRedeliveryAndTheOrchestrationSendsOnce()
    {
        var client = new FailingOrchestrationClient(_f.Client, failStart: 2);
        var router = new EventRouter(_f.Catalog, _f.Ports, client);
        await router.RouteAsync(RouterFixture.Message("g1", "consent.granted", "c1", RouterFixture.T0, """{ "channel": "email" }"""), RouterFixture.T0);
        var registered = RouterFixture.Message("r1", "customer.registered", "c1", RouterFixture.T0, """{ "email": "c1@example.com", "locale": "en" }""");

        await Assert.ThrowsAsync<InvalidOperationException>(() => router.RouteAsync(registered, RouterFixture.T0).AsTask());
        Assert.False(await _f.Stores.IsProcessedAsync("r1", default));
        var redelivered = await router.RouteAsync(registered with { DeliveryCount = 2 }, RouterFixture.T0);
        var duplicate = await router.RouteAsync(registered with { DeliveryCount = 3 }, RouterFixture.T0);

        var welcome = EnrollmentIds.For("welcome", 1, "c1", "c1");
        Assert.Equal(RouteOutcome.Routed, redelivered.Outcome);
        Assert.Equal([welcome], redelivered.Started);
        Assert.Equal(RouteOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal([EnrollmentIds.For("birthday", 1, "c1", "c1"), welcome], _f.Client.Instances.Keys.Order(StringComparer.Ordinal));

        var applier = new EffectBatchApplier(_f.Catalog, _f.Ports with { Channels = Channels }, Delivery(_f.Stores));
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => _f.Catalog.Get(id, v)), (command, _) => command.Name switch
        {
            JourneyActivities.LoadProfile => applier.LoadProfileAsync((string)command.Input!).AsTask().GetAwaiter().GetResult(),
            _ => applier.ApplyAsync((EffectBatch)command.Input!).AsTask().GetAwaiter().GetResult(),
        }, []);
        Assert.True(harness.Run(_f.Client.Instances[welcome], RouterFixture.T0, T1).Waiting);
        Assert.Equal("hello", Assert.Single(_messages).Template);
    }

    [Fact]
    public async Task Router_WorkDoneButNotMarked_IsRoutedAgainWithTheProfileChangedOnceAndTheSameEventRaised()
    {
        await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0, """{ "email": "c1@example.com" }""");
        await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Waiting, awaiting: "order.placed");
        var inbox = new FailingInbox(_f.Stores);
        var router = new EventRouter(_f.Catalog, _f.Ports with { Inbox = inbox }, _f.Client);
        var order = RouterFixture.Message("o1", "order.placed", "c1", T1, """{ "amount": 20 }""");

        await Assert.ThrowsAsync<InvalidOperationException>(() => router.RouteAsync(order, T1).AsTask());
        var redelivered = await router.RouteAsync(order with { DeliveryCount = 2 }, T1);

        Assert.Equal(RouteOutcome.Routed, redelivered.Outcome);
        Assert.True(await _f.Stores.IsProcessedAsync("o1", default));
        var profile = await ((IProfileStore)_f.Stores).GetAsync("c1", default);
        Assert.Equal(1, profile!.Attributes["orderCount"].AsNumber());
        Assert.Equal(20, profile.Attributes["points"].AsNumber());
        var raised = _f.Client.Raised.Where(r => r.InstanceId == EnrollmentIds.For("welcome", 1, "c1", "c1")).ToList();
        Assert.Equal(["o1", "o1"], raised.Select(r => r.Payload.Id));
    }
}
