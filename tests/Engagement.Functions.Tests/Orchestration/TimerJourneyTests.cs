using Engagement.Engine.Orchestration;
using Engagement.Engine.Serialization;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Microsoft.DurableTask.Client;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// The main path of each shipped journey that is driven by its own timers, run by functions/' orchestrator under the real
/// Durable Task executor (<see cref="DurableHarness"/>). Timers run on the wall clock, so every wait is made one second long
/// (or the few seconds a test names; <see cref="SecondsLongWaits"/>): the durable timers really fire, in seconds. Journeys that
/// never end on their own (birthday, satisfaction survey) are followed for some rounds, then terminated.
/// </summary>
public sealed class TimerJourneyTests
{
    [Fact]
    public async Task Lifecycle_NewOnRegistration_SilentThenChurnedAsTheTimersFire()
    {
        await using var h = await DurableHarness.StartAsync("lifecycle", d => SecondsLongWaits.Apply(d, new HashSet<string>()));
        var customer = h.NotHeldOut("lc");
        await h.SaveProfileAsync(ScenarioProfiles.For("lifecycle", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"churned\"", done.SerializedOutput);
        Assert.Equal(["become-new", "become-silent", "become-churned"],
            (await h.TimelineAsync(instance)).Where(t => t.Kind == TimelineKind.Emitted).Select(t => t.Step));
    }

    [Fact]
    public async Task PointsExpiry_RemindsOnTheDayWhenPointsRemain_AndExits()
    {
        await using var h = await DurableHarness.StartAsync("points-expiry", d => SecondsLongWaits.Apply(d, new HashSet<string>()));
        var customer = h.NotHeldOut("px");
        await h.SaveProfileAsync(ScenarioProfiles.For("points-expiry", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        var done = await h.CompletionAsync(instance);

        Assert.Equal("\"reminded\"", done.SerializedOutput);
        Assert.Equal(["remind"], await h.SentStepsAsync(instance));
    }

    [Fact]
    public async Task PostPurchase_ReviewRequestAfterTheWaits_ARepurchaseIsTheGoal_CompletesAfterTheLastWait()
    {
        await using var h = await DurableHarness.StartAsync("post-purchase", d => SecondsLongWaits.Apply(d, new HashSet<string>(), new Dictionary<string, int> { ["await-repurchase"] = 6 }));
        var customer = h.NotHeldOut("pp");
        await h.SaveProfileAsync(ScenarioProfiles.For("post-purchase", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "o-1", "amount": 99 }"""))).Started);
        await h.WaitAtStepAsync(instance, "await-repurchase");
        var second = await h.RouteAsync(h.Message("order.placed", customer, """{ "orderId": "o-2", "amount": 59 }"""));
        var done = await h.CompletionAsync(instance);

        Assert.Contains(instance, second.Raised);
        Assert.Single(second.Started); // the second order starts its own enrollment (reentry: always, keyed by order)
        Assert.Equal("\"completed\"", done.SerializedOutput);
        Assert.Equal(["review-request"], await h.SentStepsAsync(instance));
        Assert.Single(await h.TimelineAsync(instance), t => t.Kind == TimelineKind.Goal);
    }

    [Fact]
    public async Task SatisfactionSurvey_SurveyAfterTheQuarter_AnAnswerStartsTheNextQuarter()
    {
        await using var h = await DurableHarness.StartAsync("satisfaction-survey", d => SecondsLongWaits.Apply(d, new HashSet<string> { "await-answer" }));
        var customer = h.NotHeldOut("ss");
        await h.SaveProfileAsync(ScenarioProfiles.For("satisfaction-survey", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        await h.WaitAtStepAsync(instance, "await-answer");
        await h.RouteAsync(h.Message("survey.answered", customer, """{ "survey": "quarterly", "score": 9 }"""));
        await h.WaitForStateAsync(instance, s => s.Occurrences.GetValueOrDefault("survey") == 2, "surveyed a second time");
        await h.Client.TerminateInstanceAsync(instance, "test over");
        var done = await h.CompletionAsync(instance);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal(["survey", "survey"], await h.SentStepsAsync(instance));
    }

    [Fact]
    public async Task Birthday_GreetsOnce_ThenLoops_ContinuingAsNewWithBoundedHistory()
    {
        await using var h = await DurableHarness.StartAsync("birthday", d => SecondsLongWaits.Apply(d, new HashSet<string>()), options: new JourneyOrchestrationOptions(ContinueAsNewEvery: 3));
        var customer = h.NotHeldOut("bd");
        await h.SaveProfileAsync(ScenarioProfiles.For("birthday", customer));

        var instance = Assert.Single((await h.RouteAsync(h.Message("customer.registered", customer))).Started);
        var generation = await WaitForGenerationAsync(h, instance, 3);
        var metadata = await h.Client.GetInstanceAsync(instance, getInputsAndOutputs: true);
        var carried = DurablePayloads.Deserialize<JourneyOrchestrationInput>(metadata!.ReadInputAs<string>()!);
        await h.Client.TerminateInstanceAsync(instance, "test over");

        Assert.True(generation >= 3);
        Assert.Equal(["greet"], await h.SentStepsAsync(instance));
        // What one generation hands the next is the state alone: no stimulus, a bounded list of recent
        // event ids, so each generation's history starts small however many rounds ran. (The test host 0.2.3-preview.1 answers
        // GetOrchestrationHistoryAsync with an empty list for a running instance, so history length is not read here.)
        Assert.Null(carried.Next);
        Assert.InRange(carried.RecentEvents?.Length ?? 0, 0, JourneyOrchestration.RecentEventIds);
        Assert.Equal(EnrollmentStatus.Waiting, carried.State.Status);
        Assert.Contains(carried.State.StepId, new[] { "pause", "await-birthday" });
    }

    private static async Task<int> WaitForGenerationAsync(DurableHarness h, string instance, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var metadata = await h.Client.GetInstanceAsync(instance, getInputsAndOutputs: true);
            if (metadata?.ReadInputAs<string>() is { } text && DurablePayloads.Deserialize<JourneyOrchestrationInput>(text).Generation is var g && g >= atLeast)
            {
                return g;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{instance}: generation {atLeast} not reached within 60 s");
    }
}
