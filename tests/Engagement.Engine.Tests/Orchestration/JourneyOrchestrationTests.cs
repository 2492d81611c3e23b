using System.Collections.Immutable;
using Engagement.Engine.Catalog;
using Engagement.Engine.Orchestration;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Orchestration;

/// <summary>Every shipped journey runs under a context that replays like Durable, deterministically and with bounded history.</summary>
public sealed class JourneyOrchestrationTests
{
    private static readonly JourneyCatalog Catalog = JourneyCatalog.Load(RepositoryFiles.Journeys, out _);
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 2, 0);

    public static TheoryData<string> Journeys() => new(Catalog.Latest.Select(j => j.Id));

    private static readonly ProfileSnapshot Profile = new("c1", ValueJson.Parse("""
        { "customerId": "c1", "timezone": "Asia/Shanghai", "locale": "zh-CN", "birthday": "1990-03-20", "tier": "Gold", "orderCount": 1,
          "points": 500, "pointsExpireOn": "2026-06-30", "valueSegment": "high", "lifecycleStage": "active" }
        """));

    [Theory]
    [MemberData(nameof(Journeys))]
    public void Orchestration_EveryJourney_ReplaysDeterministicallyWithBoundedHistory(string journeyId)
    {
        var definition = Catalog.Latest.Single(j => j.Id == journeyId);
        var trigger = new CustomerEvent("t1", definition.Trigger.Event, "c1", Start, ValueJson.Parse("""
            { "complaintId": "cmp-1", "severity": "urgent", "stage": "churned", "score": 0.9, "to": "Gold", "orderId": "o-1", "amount": 100 }
            """));
        var effects = new List<Effect>();
        var loads = 0;
        var orchestration = new JourneyOrchestration((id, v) => Catalog.Get(id, v), new JourneyOrchestrationOptions(ContinueAsNewEvery: 5));
        var harness = new ReplayHarness(orchestration, (command, _) =>
        {
            if (command.Name == JourneyActivities.LoadProfile)
            {
                loads++;
                return Profile;
            }

            effects.AddRange(((EffectBatch)command.Input!).Effects);
            return true;
        }, [(Start + Duration.FromHours(30), new CustomerEvent("t2", "complaint.resolved", "c1", Start + Duration.FromHours(30), ValueJson.Parse("""{ "complaintId": "cmp-1" }""")))]);

        var state = EnrollmentState.Create(definition.Id, definition.Version, "c1", "c1");
        var report = harness.Run(JourneyOrchestrationInput.Start(state, new EnrollmentStarted(Start, null, trigger)), Start, Start + Duration.FromDays(800));

        Assert.True(report.Final is not null || report.Waiting);
        Assert.Contains(effects, e => e is Entered);
        Assert.True(report.MaxHistory <= 40, $"history per generation must stay bounded, was {report.MaxHistory}");
        var sends = effects.Count(e => e is SendMessage);
        var applies = report.Activities.Count(a => a == JourneyActivities.ApplyEffects);
        Assert.Equal(loads, report.Activities.Count(a => a == JourneyActivities.LoadProfile));
        Assert.True(applies <= Math.Max(1, effects.Count(e => e is SendMessage or CreateTask or UpdateProfile or EmitEvent)) + 1,
            $"{applies} ApplyEffects for {sends} sends");
    }

    [Fact]
    public void Orchestration_WelcomeTimeline_MatchesADirectRunOfTheInterpreter()
    {
        var definition = Catalog.Latest.Single(j => j.Id == "welcome");
        var trigger = new CustomerEvent("t1", "customer.registered", "c1", Start, Value.EmptyObject);
        var viaOrchestration = new List<Effect>();
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => Catalog.Get(id, v)), (command, _) =>
        {
            if (command.Name == JourneyActivities.LoadProfile)
            {
                return Profile;
            }

            viaOrchestration.AddRange(((EffectBatch)command.Input!).Effects);
            return true;
        }, []);
        var initial = EnrollmentState.Create("welcome", 1, "c1", "c1");
        var report = harness.Run(JourneyOrchestrationInput.Start(initial, new EnrollmentStarted(Start, null, trigger)), Start, Start + Duration.FromDays(100));

        // The same journey driven directly: start, then each wake-up at its time.
        var direct = new List<Effect>();
        var result = JourneyInterpreter.Advance(definition, initial, new EnrollmentStarted(Start, Profile, trigger));
        direct.AddRange(result.Effects);
        while (result.State.Status != EnrollmentStatus.Exited)
        {
            var at = result.State.WakeAt!.Value;
            result = JourneyInterpreter.Advance(definition, result.State, new TimerFired(at, Profile, at));
            direct.AddRange(result.Effects);
        }

        Assert.Equal(direct.Where(e => e is not (ScheduleWakeUp or AwaitEvent)).Select(e => e.ToString()), viaOrchestration.Select(e => e.ToString()));
        Assert.Equal(result.State.ExitReason, report.Final!.ExitReason);
        Assert.True(report.Replays > report.Activities.Count, "the orchestrator was replayed from history at every step");
    }

    [Fact]
    public void Orchestration_ExitRequestRaised_ExitsWithItsReasonAndRecordsTheExit()
    {
        var trigger = new CustomerEvent("t1", "customer.registered", "c1", Start, Value.EmptyObject);
        var initial = EnrollmentState.Create("welcome", 1, "c1", "c1");
        var batches = new List<EffectBatch>();
        var exitAt = Start + Duration.FromHours(1);
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => Catalog.Get(id, v)), (command, _) =>
        {
            if (command.Name == JourneyActivities.LoadProfile)
            {
                return Profile;
            }

            batches.Add((EffectBatch)command.Input!);
            return true;
        }, [(exitAt, ExitRequests.Create(initial, "unsubscribed", "u1", exitAt))]);

        var report = harness.Run(JourneyOrchestrationInput.Start(initial, new EnrollmentStarted(Start, null, trigger)), Start, Start + Duration.FromDays(100));

        Assert.Equal(EnrollmentStatus.Exited, report.Final!.Status);
        Assert.Equal("unsubscribed", report.Final.ExitReason);
        Assert.Equal(exitAt, report.Final.ExitedAt);
        Assert.Equal(1, report.EventsDelivered);
        var last = batches[^1];
        Assert.Equal("unsubscribed", Assert.IsType<Exited>(last.Effects[^1]).Reason);
        Assert.Equal(EnrollmentStatus.Exited, last.State.Status);
    }
}
