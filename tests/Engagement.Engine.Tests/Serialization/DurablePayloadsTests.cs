using System.Collections.Immutable;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Serialization;

/// <summary>Orchestration inputs, effect batches and raised events survive the text form Durable carries, effect types included.</summary>
public sealed class DurablePayloadsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);

    private static readonly ImmutableArray<Effect> AllEffects =
    [
        new Entered("a", false),
        new VariantAssigned("s", "B"),
        new SendMessage("a", "email", "hello", ["sms"], 1, "e1/a/1"),
        new MessageWithheld("a", "email", "hello", "holdout"),
        new CreateTask("t", "care", "Call {{ profile.customerId }}", T0 + Duration.FromDays(1), "high", "e1/t/1"),
        new UpdateProfile("u", ImmutableSortedDictionary<string, Value>.Empty.Add("tier", Value.FromString("Gold")), ["vip"], []),
        new EmitEvent("m", "e1/m/1", "loyalty.bonus", ValueJson.Parse("""{ "points": 50 }""")),
        new GoalReached(null, "order.placed"),
        new Exited("done", "completed"),
        new StepPassed("w", "next", "elapsed"),
    ];

    [Fact]
    public void Payloads_EffectBatch_RoundTripsEveryEffectType()
    {
        var state = EnrollmentState.Create("welcome", 1, "c1", "c1") with { Status = EnrollmentStatus.Waiting, WakeAt = T0, Occurrences = ImmutableSortedDictionary<string, int>.Empty.Add("a", 1) };
        var batch = new EffectBatch(state, AllEffects, T0);

        var text = DurablePayloads.Serialize(batch);
        var back = DurablePayloads.Deserialize<EffectBatch>(text);

        Assert.Equal(AllEffects.Select(e => e.GetType()), back.Effects.Select(e => e.GetType()));
        Assert.Equal(AllEffects.Select(e => e.ToString()), back.Effects.Select(e => e.ToString()));
        Assert.Equal(state.WakeAt, back.State.WakeAt);
        Assert.Equal(text, DurablePayloads.Serialize(back));
    }

    [Fact]
    public void Payloads_OrchestrationInput_KeepsTheStartStimulusAndItsProfile()
    {
        var trigger = new CustomerEvent("r1", "customer.registered", "c1", T0, ValueJson.Parse("""{ "source": "web" }"""));
        var profile = new ProfileSnapshot("c1", ValueJson.Parse("""{ "customerId": "c1", "tier": "Gold" }"""));
        var input = JourneyOrchestrationInput.Start(EnrollmentState.Create("welcome", 1, "c1", "c1"), new EnrollmentStarted(T0, profile, trigger));

        var back = DurablePayloads.Deserialize<JourneyOrchestrationInput>(DurablePayloads.Serialize(input));

        var started = Assert.IsType<EnrollmentStarted>(back.Next);
        Assert.Equal("web", started.Trigger.Data["source"].AsString());
        Assert.Equal("Gold", started.Profile!.Data["tier"].AsString());
        Assert.Equal(T0, started.At);
        Assert.Equal(input.State, back.State with { Occurrences = input.State.Occurrences });
    }

    [Fact]
    public void Payloads_ContinueAsNewInput_KeepsTheRecentEventIdsAsPlainJson()
    {
        var input = new JourneyOrchestrationInput(EnrollmentState.Create("welcome", 1, "c1", "c1"), null, [], 3, ["o1", "o2"]);

        var text = DurablePayloads.Serialize(input);
        var back = DurablePayloads.Deserialize<JourneyOrchestrationInput>(text);

        Assert.Contains("\"recentEvents\":[\"o1\",\"o2\"]", text, StringComparison.Ordinal);
        Assert.Equal(["o1", "o2"], back.RecentEvents!);
        Assert.Equal(3, back.Generation);
    }

    [Fact]
    public void Payloads_ATypeOutsideTheEngine_IsRefused()
    {
        var text = """{ "state": { "enrollmentId": "x", "journeyId": "j", "journeyVersion": 1, "customerId": "c", "key": "c" }, "next": { "$type": "System.IO.FileInfo", "fileName": "/etc/passwd" }, "carried": [] }""";

        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => DurablePayloads.Deserialize<JourneyOrchestrationInput>(text));
    }
}
