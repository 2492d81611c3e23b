using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tests.Routing;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Tests.Orchestration;

/// <summary>The ApplyEffects activity body: the same effect code as the embedded engine, safe to retry.</summary>
public sealed class EffectBatchApplierTests : IDisposable
{
    private readonly RouterFixture _f = new();
    private readonly List<OutboundMessage> _messages = [];

    public void Dispose() => _f.Dispose();

    private EffectBatchApplier Applier()
    {
        var channels = new IChannelSender[] { new OutboxChannel("email", _messages) };
        var ports = _f.Ports with { Channels = channels };
        var delivery = new DeliveryPipeline(DeliveryPolicy.Empty, _f.Stores, _f.Catalog.Templates, channels, _f.Stores, _f.Stores, _f.Queue, links: null);
        return new EffectBatchApplier(_f.Catalog, ports, delivery);
    }

    private async Task<EffectBatch> WelcomeStartAsync()
    {
        var profile = new CustomerProfile
        {
            CustomerId = "c1", Email = "c1@example.com", Locale = "en",
            Consents = [new ConsentRecord("email", ConsentPurpose.Marketing, true, RouterFixture.T0, "test")],
        };
        await _f.Stores.SaveAsync(profile, CancellationToken.None);
        var trigger = new CustomerEvent("r1", "customer.registered", "c1", RouterFixture.T0, Value.EmptyObject);
        var result = JourneyInterpreter.Advance(_f.Catalog.Get("welcome", 1), EnrollmentState.Create("welcome", 1, "c1", "c1"),
            new EnrollmentStarted(RouterFixture.T0, profile.ToSnapshot(), trigger));
        return new EffectBatch(result.State, result.Effects.Where(e => e is not (AwaitEvent or ScheduleWakeUp)).ToImmutableArray(), RouterFixture.T0);
    }

    [Fact]
    public async Task ApplyEffects_WelcomeStart_SendsThroughTheGuardsSavesTheStateAndRecordsTheTimeline()
    {
        var batch = await WelcomeStartAsync();

        Assert.True(await Applier().ApplyAsync(batch));

        var message = Assert.Single(_messages);
        Assert.Equal("hello", message.Template);
        var stored = await ((IEnrollmentStore)_f.Stores).GetAsync(batch.State.EnrollmentId, CancellationToken.None);
        Assert.Equal(EnrollmentStatus.Waiting, stored!.Status);
        Assert.Equal("order.placed", stored.AwaitingEvent);
        Assert.Equal([TimelineKind.Entered, TimelineKind.Sent], _f.Stores.Timeline.Select(t => t.Kind));
    }

    [Fact]
    public async Task ApplyEffects_RetriedBatch_NeverSendsTwice()
    {
        var batch = await WelcomeStartAsync();
        var applier = Applier();

        await applier.ApplyAsync(batch);
        await applier.ApplyAsync(batch);

        Assert.Single(_messages);
        Assert.Single(_f.Stores.Timeline, t => t.Kind == TimelineKind.Sent);
    }

    [Fact]
    public async Task LoadProfile_GivesTheSnapshotWithoutContactDetails_OrNullForAnUnknownCustomer()
    {
        await WelcomeStartAsync();
        var applier = Applier();

        var snapshot = await applier.LoadProfileAsync("c1");

        Assert.True(snapshot!.Data["hasEmail"].AsBoolean());
        Assert.Null(snapshot.Data["email"].AsString());
        Assert.Null(await applier.LoadProfileAsync("nobody"));
    }
}
