using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Engagement.Engine.Serialization;
using Engagement.Functions.Routing;
using Engagement.Journeys.Runtime;
using Microsoft.DurableTask.Client;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// How instances behave under the real Durable Task executor (<see cref="DurableHarness"/>): duplicates, events for finished
/// instances, a second start of the same instance, dead-letter decisions, and a fault between a send's reservation and the
/// provider call. Waits are seconds long or already decided by events (see <see cref="EventJourneyTests"/>).
/// </summary>
public sealed class InstanceLifecycleTests
{
    [Fact]
    public async Task Duplicates_ARedeliveredMessageAndARaisedCopy_AdvanceTheInstanceOnce()
    {
        await using var h = await DurableHarness.StartAsync("welcome", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-second-order", "await-after-nudge" }));
        var customer = h.NotHeldOut("dup");
        await h.SaveProfileAsync(ScenarioProfiles.For("welcome", customer));
        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        await h.WaitAtStepAsync(instance, "await-second-order");

        var first = h.Message("order.placed", customer, """{ "orderId": "o-1", "amount": 10 }""", id: "o1");
        Assert.Equal(RouteOutcome.Routed, (await h.RouteAsync(first)).Outcome);
        Assert.Equal(RouteOutcome.Duplicate, (await h.RouteAsync(first)).Outcome);
        var copy = EventParserCopy(first);
        await new DurableOrchestrationClient(h.Client).RaiseAsync(instance, JourneyActivities.CustomerEventName, copy, CancellationToken.None);
        await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "o-2", "amount": 10 }"""));
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"second-order\"", done.SerializedOutput);
        Assert.Equal(["welcome-sms", "welcome-email"], await h.SentStepsAsync(instance));
    }

    [Fact]
    public async Task FinishedInstance_AnEventRaisedToIt_ChangesNothing_AndASecondStartIsRefused()
    {
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()));
        var customer = h.NotHeldOut("fin");
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));
        var start = h.Message("tier.upgraded", customer, """{ "from": "Silver", "to": "Gold" }""");
        var instance = Assert.Single((await h.RouteAsync(start)).Started);
        await h.CompletionAsync(instance);
        var client = new DurableOrchestrationClient(h.Client);

        await client.RaiseAsync(instance, JourneyActivities.CustomerEventName, EventParserCopy(start), CancellationToken.None);
        var input = DurablePayloads.Deserialize<JourneyOrchestrationInput>((await h.Client.GetInstanceAsync(instance, getInputsAndOutputs: true))!.ReadInputAs<string>()!);
        var again = await client.StartAsync(instance, input, CancellationToken.None);
        await Task.Delay(500);
        var after = await h.Client.GetInstanceAsync(instance, getInputsAndOutputs: true);

        Assert.False(again);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after!.RuntimeStatus);
        Assert.Equal("\"congratulated\"", after.SerializedOutput);
        Assert.Single(h.Outbox);
    }

    [Fact]
    public async Task RunningInstance_ASecondStartIsRefused_AndTheRouterStartsNoOtherForAReentryNeverJourney()
    {
        await using var h = await DurableHarness.StartAsync("satisfaction-survey", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-answer" }, new Dictionary<string, int> { ["await-quarter"] = 3600 }));
        var customer = h.NotHeldOut("run");
        await h.SaveProfileAsync(ScenarioProfiles.For("satisfaction-survey", customer));
        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        await h.Client.WaitForInstanceStartAsync(instance);
        var input = DurablePayloads.Deserialize<JourneyOrchestrationInput>((await h.Client.GetInstanceAsync(instance, getInputsAndOutputs: true))!.ReadInputAs<string>()!);

        var again = await new DurableOrchestrationClient(h.Client).StartAsync(instance, input, CancellationToken.None);
        var registeredAgain = await h.RouteAsync(h.Message("customer.registered", customer));

        Assert.False(again);
        Assert.Empty(registeredAgain.Started);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(instance))!.RuntimeStatus);
        await h.Client.TerminateInstanceAsync(instance, "test over");
    }

    [Fact]
    public async Task DeadLetterDecision_IsStoredAsRejectedWithItsReason_AndReturnsNormally()
    {
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => d);

        var result = await h.RouteAsync(new BusMessage("m1", "c1", """{ "id": "x1", "type": "tier.upgraded", "customerId": "c2", "time": "2026-04-01T10:00:00Z" }""", 1, NodaTime.SystemClock.Instance.GetCurrentInstant()));

        Assert.Equal(RouteOutcome.DeadLetter, result.Outcome);
        var rejected = Assert.Single(h.Stores.Rejected);
        Assert.Equal("customerId", rejected.Field);
        Assert.Equal("x1", rejected.EventId);
    }

    [Fact]
    public async Task FaultBetweenReservationAndProviderCall_TheRetriedActivityFinishesTheSendOnce()
    {
        var stores = new InMemoryStores();
        var ledger = new FaultAfterReservationLedger(stores);
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()), ledger, stores: stores);
        var customer = h.NotHeldOut("flt");
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("tier.upgraded", customer, """{ "from": "Silver", "to": "Gold" }"""))).Started);
        var done = await h.CompletionAsync(instance);

        Assert.Equal(1, ledger.Faults);
        Assert.Equal("\"congratulated\"", done.SerializedOutput);
        var sent = Assert.Single(h.Outbox);
        var entry = await h.GatedAsync(async () => await ((IMessageLedger)stores).GetAsync(sent.LedgerKey, CancellationToken.None));
        Assert.Equal(LedgerStatus.Sent, entry!.Status);
        Assert.Equal(["congratulate"], await h.SentStepsAsync(instance));
    }

    private static CustomerEvent EventParserCopy(BusMessage message)
    {
        Assert.True(Engine.Events.EventParser.TryParse(message.Body, out var parsed, out _, out _));
        return parsed!;
    }
}
