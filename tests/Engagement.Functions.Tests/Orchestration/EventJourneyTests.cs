using Engagement.Engine.Timeline;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// The main path of each shipped journey that waits for customer events, run by functions/' orchestrator under the real
/// Durable Task executor (<see cref="DurableHarness"/>). Timers run on the wall clock: plain waits are one second long
/// (<see cref="SecondsLongWaits"/>), and a waitForEvent whose event the test sends has an hour-long timeout that never wins;
/// each test waits (polling the state the ApplyEffects activity stored) until the instance is at the step before sending the
/// next event, where a side effect stores that state; otherwise it sends at once (Durable keeps raised events in order until
/// the orchestrator waits for them).
/// </summary>
public sealed class EventJourneyTests
{
    [Fact]
    public async Task Welcome_SmsThenEmailAfterTheWait_SecondOrderIsTheGoalAndExits()
    {
        await using var h = await DurableHarness.StartAsync("welcome", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-second-order", "await-after-nudge" }));
        var customer = h.NotHeldOut("w");
        await h.SaveProfileAsync(ScenarioProfiles.For("welcome", customer));

        var started = await h.RouteAsync(h.Message("customer.registered", customer));
        var instance = Assert.Single(started.Started);
        await h.WaitAtStepAsync(instance, "await-second-order");
        await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "o-1", "amount": 88 }"""));
        await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "o-2", "amount": 120 }"""));
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"second-order\"", done.SerializedOutput);
        Assert.Equal(["welcome-sms", "welcome-email"], await h.SentStepsAsync(instance));
        Assert.Single(await h.TimelineAsync(instance), t => t.Kind == TimelineKind.Goal);
    }

    [Fact]
    public async Task ChurnRisk_AssignsAnAgentAndSendsTheOffer_APurchaseSavesTheCustomer()
    {
        await using var h = await DurableHarness.StartAsync("churn-risk", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-purchase" }));
        var customer = h.NotHeldOut("cr");
        await h.SaveProfileAsync(ScenarioProfiles.For("churn-risk", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("churn.risk.detected", customer, """{ "score": 0.91, "reason": "falling-frequency" }"""))).Started);
        await h.WaitAtStepAsync(instance, "await-purchase");
        await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "a", "amount": 300 }"""));
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"purchased\"", done.SerializedOutput);
        var timeline = await h.TimelineAsync(instance);
        Assert.Equal("assign-agent", Assert.Single(timeline, t => t.Kind == TimelineKind.Task).Step);
        Assert.Equal(["offer"], await h.SentStepsAsync(instance));
        Assert.Single(timeline, t => t.Kind == TimelineKind.Goal);
    }

    [Fact]
    public async Task ComplaintRecovery_RoutineComplaintAnsweredAndResolved_SurveyAfterThePause_LowScoreGetsAMakeGood()
    {
        await using var h = await DurableHarness.StartAsync("complaint-recovery", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-response", "await-resolution", "await-score" }));
        var customer = h.NotHeldOut("cmp");
        await h.SaveProfileAsync(ScenarioProfiles.For("complaint-recovery", customer));
        const string complaint = """{ "complaintId": "cmp-1" }""";

        var instance = Assert.Single((await h.RouteAsync(h.Message("complaint.opened", customer, """{ "complaintId": "cmp-1", "severity": "routine", "category": "delivery" }"""))).Started);
        await h.WaitAtStepAsync(instance, "await-response");
        Assert.Equal([instance], (await h.RouteAsync(h.Message("complaint.responded", customer, complaint))).Raised);
        // No side effect between the two waits, so nothing stores the state at await-resolution: the event is sent at once and
        // Durable keeps it until the instance waits again.
        await h.RouteAsync(h.Message("complaint.resolved", customer, complaint));
        await h.WaitAtStepAsync(instance, "await-score");
        await h.RouteAsync(h.Message("survey.answered", customer, """{ "complaintId": "cmp-1", "score": 4 }"""));
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"recovered\"", done.SerializedOutput);
        Assert.Equal(["acknowledge", "survey", "make-good"], await h.SentStepsAsync(instance));
        Assert.Equal(["routine-ticket", "follow-up-call"], (await h.TimelineAsync(instance)).Where(t => t.Kind == TimelineKind.Task).Select(t => t.Step));
    }

    [Fact]
    public async Task WinBack_RecallThenReminderAfterTheWait_APurchaseIsTheGoalAndExits()
    {
        await using var h = await DurableHarness.StartAsync("win-back", d => SecondsLongWaits.Apply(d, new HashSet<string>(), new Dictionary<string, int> { ["await-end"] = 3600 }));
        var customer = h.NotHeldOut("wb");
        await h.SaveProfileAsync(ScenarioProfiles.For("win-back", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.lifecycle.changed", customer, """{ "stage": "silent", "previous": "active" }"""))).Started);
        await h.WaitAtStepAsync(instance, "await-end");
        await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "o-9", "amount": 50 }"""));
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"goal\"", done.SerializedOutput);
        Assert.Equal(["recall", "reminder"], await h.SentStepsAsync(instance));
    }

    [Fact]
    public async Task TierUpgrade_RecordsTheTierAndCongratulates_WithoutWaiting()
    {
        await using var h = await DurableHarness.StartAsync("tier-upgrade", d => SecondsLongWaits.Apply(d, new HashSet<string>()));
        var customer = h.NotHeldOut("tu");
        await h.SaveProfileAsync(ScenarioProfiles.For("tier-upgrade", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("tier.upgraded", customer, """{ "from": "Silver", "to": "Gold" }"""))).Started);
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"congratulated\"", done.SerializedOutput);
        Assert.Equal(["congratulate"], await h.SentStepsAsync(instance));
        Assert.Single(await h.TimelineAsync(instance), t => t.Kind == TimelineKind.Updated && t.Step == "record-tier");
    }
}
