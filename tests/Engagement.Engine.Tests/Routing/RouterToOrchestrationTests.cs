using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tests.Orchestration;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>
/// The Azure path end to end without Azure: the router starts an instance, the start input (through its Durable text form)
/// runs under the replaying context with the real activity bodies, and the next event is raised to the instance it left waiting.
/// </summary>
public sealed class RouterToOrchestrationTests : IDisposable
{
    private readonly RouterFixture _f = new();
    private readonly List<OutboundMessage> _messages = [];

    public void Dispose() => _f.Dispose();

    private static T ThroughDurable<T>(object? value) => DurablePayloads.Deserialize<T>(DurablePayloads.Serialize(value));

    [Fact]
    public async Task Route_Registration_StartsAnOrchestrationThatSendsThroughTheGuardsAndWaitsForTheNextEvent()
    {
        var channels = new IChannelSender[] { new OutboxChannel("email", _messages) };
        var ports = _f.Ports with { Channels = channels };
        var delivery = new DeliveryPipeline(DeliveryPolicy.Empty, _f.Stores, _f.Catalog.Templates, channels, _f.Stores, _f.Stores, _f.Queue, links: null);
        var applier = new EffectBatchApplier(_f.Catalog, ports, delivery);
        await _f.RouteAsync("g1", "consent.granted", "c1", RouterFixture.T0, """{ "channel": "email" }""");
        var registered = await _f.RouteAsync("r1", "customer.registered", "c1", RouterFixture.T0, """{ "email": "c1@example.com", "locale": "en" }""");
        var welcome = EnrollmentIds.For("welcome", 1, "c1", "c1");
        Assert.Contains(welcome, registered.Started);

        var input = ThroughDurable<JourneyOrchestrationInput>(_f.Client.Instances[welcome]);
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => _f.Catalog.Get(id, v)), (command, _) => command.Name switch
        {
            JourneyActivities.LoadProfile => applier.LoadProfileAsync(ThroughDurable<string>(command.Input)).AsTask().GetAwaiter().GetResult(),
            _ => applier.ApplyAsync(ThroughDurable<EffectBatch>(command.Input)).AsTask().GetAwaiter().GetResult(),
        }, []);
        var report = harness.Run(input, RouterFixture.T0, RouterFixture.T0 + Duration.FromHours(1));

        Assert.True(report.Waiting);
        Assert.Equal("hello", Assert.Single(_messages).Template);
        Assert.Contains(_f.Stores.Timeline, t => t.Kind == TimelineKind.Sent && t.EnrollmentId == welcome);
        var stored = await ((IEnrollmentStore)_f.Stores).GetAsync(welcome, CancellationToken.None);
        Assert.Equal(EnrollmentStatus.Waiting, stored!.Status);
        Assert.Equal("order.placed", stored.AwaitingEvent);

        var order = await _f.RouteAsync("o1", "order.placed", "c1", RouterFixture.T0 + Duration.FromMinutes(30), """{ "amount": 20 }""");

        Assert.Equal([welcome], order.Raised);
        Assert.Equal("o1", ThroughDurable<CustomerEvent>(_f.Client.Raised[^1].Payload).Id);
    }
}
