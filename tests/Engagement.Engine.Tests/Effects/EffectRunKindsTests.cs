using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Effects;
using Engagement.Engine.InMemory;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Tests.Routing;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Effects;

/// <summary>Every effect type the core can produce is carried out by <see cref="EffectRun"/> explicitly: none is dropped.</summary>
public sealed class EffectRunKindsTests : IDisposable
{
    private static readonly Instant T0 = RouterFixture.T0;

    /// <summary>One sample per concrete effect type; a new effect type without a sample fails <see cref="EveryEffectType_HasASample"/>.</summary>
    private static readonly IReadOnlyList<Effect> Samples =
    [
        new Entered("hello", false),
        new VariantAssigned("ab", "x"),
        new SendMessage("hello", "email", "hello", [], 1, "e/hello/1"),
        new MessageWithheld("hello", "email", "hello", "holdout"),
        new ScheduleWakeUp("wait-buy", T0 + Duration.FromDays(1)),
        new AwaitEvent("wait-buy", "order.placed", T0 + Duration.FromDays(7)),
        new ProfileRequested("hello"),
        new CreateTask("call", "vip", "Call {{ profile.firstName }}", null, "high", "e/call/1"),
        new UpdateProfile("set", ImmutableSortedDictionary<string, Value>.Empty.WithComparers(StringComparer.Ordinal), ["vip"], []),
        new EmitEvent("set", "e/set/1", "vip.tagged", Value.EmptyObject),
        new GoalReached("wait-buy", "order.placed"),
        new Exited("done", "completed"),
        new StepPassed("wait-buy", "nudge", "timeout"),
    ];

    private static readonly HashSet<Type> SideEffects = [typeof(SendMessage), typeof(CreateTask), typeof(UpdateProfile), typeof(EmitEvent)];

    private readonly RouterFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void EveryEffectType_HasASample()
    {
        var concrete = typeof(Effect).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Effect)) && !t.IsAbstract).Select(t => t.Name);

        Assert.Equal(concrete.Order(StringComparer.Ordinal), Samples.Select(s => s.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IsSideEffect_IsTrueExactlyForMessagesTasksProfileChangesAndEmittedEvents()
    {
        Assert.All(Samples, e => Assert.Equal(SideEffects.Contains(e.GetType()), e.IsSideEffect));
    }

    [Fact]
    public async Task ApplyAsync_EveryEffectType_IsCarriedOutWithoutError()
    {
        var run = Run();
        var state = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting, EnteredAt = T0 };

        foreach (var effect in Samples)
        {
            await run.ApplyAsync(_f.Catalog.Get("welcome", 1), state, effect);
        }

        await run.FlushAsync();
        Assert.Single(_f.Stores.Tasks);
        Assert.Contains("vip", (await ((IProfileStore)_f.Stores).GetAsync("c1", CancellationToken.None))!.Tags);
    }

    [Fact]
    public async Task ApplyAsync_AnEffectTypeWithoutACase_Throws()
    {
        var state = EnrollmentState.Create("welcome", 1, "c1", "c1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Run().ApplyAsync(_f.Catalog.Get("welcome", 1), state, new FutureEffect("x")));

        Assert.Contains(nameof(FutureEffect), error.Message, StringComparison.Ordinal);
    }

    private EffectRun Run()
    {
        var channels = new IChannelSender[] { new OutboxChannel("email", []) };
        var delivery = new DeliveryPipeline(DeliveryPolicy.Empty, _f.Stores, _f.Catalog.Templates, channels, _f.Stores, _f.Stores, _f.Queue, links: null);
        return new EffectRun(_f.Catalog, _f.Ports with { Channels = channels }, delivery, "c1", T0, CancellationToken.None);
    }

    private sealed record FutureEffect(string StepId) : Effect(StepId)
    {
        public override bool IsSideEffect => true;
    }
}
