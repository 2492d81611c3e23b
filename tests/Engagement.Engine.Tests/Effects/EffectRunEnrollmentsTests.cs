using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.InMemory;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Tests.Routing;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Effects;

/// <summary>What <see cref="EffectRun"/> shows of the customer's enrollments before it saves: the stored ones with the states
/// stepped in this run in their place, and the enrollments it started at the end.</summary>
public sealed class EffectRunEnrollmentsTests : IDisposable
{
    private static readonly Instant T0 = RouterFixture.T0;

    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task EntryHistoryAsync_OfAJourney_ShowsItsSteppedAndStartedStates_AndNoOtherJourneys()
    {
        var exited = await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Exited);
        var waiting = await _f.ReachAsync("complaint", "c1", EnrollmentStatus.Waiting, awaiting: "complaint.resolved", key: "k1");
        var run = Run();

        await run.StepAsync(_f.Catalog.Get("complaint", 1), waiting, new ExitRequested(T0, "test"));
        await run.StepAsync(_f.Catalog.Get("birthday", 1), EnrollmentState.Create("birthday", 1, "c1", "c1"), new EnrollmentStarted(T0, run.Snapshot, Event()));

        var complaint = (await run.EntryHistoryAsync("complaint")).States;
        var birthday = (await run.EntryHistoryAsync("birthday")).States;
        var welcome = (await run.EntryHistoryAsync("welcome")).States;

        Assert.Equal((waiting.EnrollmentId, EnrollmentStatus.Exited), (Assert.Single(complaint).EnrollmentId, complaint[0].Status));
        Assert.Equal(EnrollmentStatus.Waiting, Assert.Single(birthday).Status);
        Assert.Equal(exited.EnrollmentId, Assert.Single(welcome).EnrollmentId);
    }

    [Fact]
    public async Task ActiveEnrollmentsAsync_LeavesStoredExitedOnesOut_ButKeepsOnesThisRunExited()
    {
        await _f.ReachAsync("welcome", "c1", EnrollmentStatus.Exited);
        var waiting = await _f.ReachAsync("complaint", "c1", EnrollmentStatus.Waiting, awaiting: "complaint.resolved", key: "k1");
        var run = Run();
        Assert.Same(waiting, Assert.Single(await run.ActiveEnrollmentsAsync()));

        await run.StepAsync(_f.Catalog.Get("complaint", 1), waiting, new ExitRequested(T0, "test"));

        var active = await run.ActiveEnrollmentsAsync();
        Assert.Equal((waiting.EnrollmentId, EnrollmentStatus.Exited), (Assert.Single(active).EnrollmentId, active[0].Status));
    }

    private static CustomerEvent Event() => new("e1", "customer.registered", "c1", T0, Engagement.Journeys.Values.Value.EmptyObject);

    private EffectRun Run()
    {
        var channels = new IChannelSender[] { new OutboxChannel("email", []), new OutboxChannel("sms", []) };
        var delivery = new DeliveryPipeline(DeliveryPolicy.Empty, _f.Stores, _f.Catalog.Templates, channels, _f.Stores, _f.Stores, _f.Queue, links: null);
        return new EffectRun(_f.Catalog, _f.Ports with { Channels = channels }, delivery, "c1", T0, CancellationToken.None);
    }
}
