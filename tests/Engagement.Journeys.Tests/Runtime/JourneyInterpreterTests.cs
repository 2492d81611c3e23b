using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using static Engagement.Journeys.Tests.Runtime.Journeys;

namespace Engagement.Journeys.Tests.Runtime;

public sealed class JourneyInterpreterTests
{
    private static readonly Engagement.Journeys.Definitions.JourneyDefinition Drip = Parse("""
        "steps": {
          "a": { "type": "send", "channel": "email", "template": "t1", "next": "w" },
          "w": { "type": "wait", "duration": "P1D", "next": "b" },
          "b": { "type": "send", "channel": "sms", "template": "t2", "next": "done" },
          "done": { "type": "exit", "reason": "finished" }
        }
        """);

    [Fact]
    public void Advance_Started_EntersSendsAndSchedulesTheWait()
    {
        var r = Start(Drip);
        Assert.Collection(r.Effects,
            e => Assert.Equal(new Entered("a", false), e),
            e => Assert.Equal(("a", "email", "t1", 1), ((SendMessage)e) is var s ? (s.StepId, s.Channel, s.Template, s.Occurrence) : default),
            e => Assert.Equal(new ScheduleWakeUp("w", T0 + Duration.FromDays(1)), e));
        Assert.Equal((EnrollmentStatus.Waiting, "w"), (r.State.Status, r.State.StepId));
        Assert.Equal($"{r.State.EnrollmentId}/a/1", ((SendMessage)r.Effects[1]).LedgerKey);
    }

    [Fact]
    public void Advance_TimerFired_SendsNextMessageAndExits()
    {
        var r = Wake(Drip, Start(Drip));
        Assert.Equal("t2", Assert.Single(r.Effects.OfType<SendMessage>()).Template);
        Assert.Equal(new Exited("done", "finished"), r.Effects[^1]);
        Assert.Equal(EnrollmentStatus.Exited, r.State.Status);
    }

    [Fact]
    public void Advance_StaleTimerOrDuplicateStart_ChangesNothing()
    {
        var started = Start(Drip);
        var stale = JourneyInterpreter.Advance(Drip, started.State, new TimerFired(T0 + Duration.FromHours(1), Profile, T0 + Duration.FromHours(1)));
        var again = JourneyInterpreter.Advance(Drip, started.State, new EnrollmentStarted(T0, Profile, Event("go", T0)));
        Assert.Same(started.State, stale.State);
        Assert.Empty(stale.Effects);
        Assert.Same(started.State, again.State);
        Assert.Empty(again.Effects);
    }

    [Fact]
    public void Advance_ExitOnEventMidWait_ExitsAtOnce()
    {
        var d = Parse("""
            "exitOn": [ { "event": "customer.erased" } ],
            "steps": { "a": { "type": "wait", "duration": "P30D", "next": "b" }, "b": { "type": "exit" } }
            """);
        var r = JourneyInterpreter.Advance(d, Start(d).State, new EventArrived(T0 + Duration.FromDays(2), Profile, Event("customer.erased", T0 + Duration.FromDays(2))));
        Assert.Equal(new Exited("a", "exitOn:customer.erased"), Assert.Single(r.Effects));
        Assert.Null(r.State.WakeAt);
    }

    [Fact]
    public void Advance_WaitForEvent_MatchingEventGoesNextOthersAreIgnoredTimeoutGoesOnTimeout()
    {
        var d = Parse("""
            "steps": {
              "a": { "type": "waitForEvent", "event": "paid", "match": "event.orderId == 'o1'", "timeout": "PT4H", "next": "ok", "onTimeout": "late" },
              "ok": { "type": "exit", "reason": "paid" }, "late": { "type": "exit", "reason": "late" }
            }
            """);
        var waiting = Start(d);
        Assert.Equal(new AwaitEvent("a", "paid", T0 + Duration.FromHours(4)), waiting.Effects[^1]);
        var other = JourneyInterpreter.Advance(d, waiting.State, new EventArrived(T0, Profile, Event("paid", T0, """{ "orderId": "o2" }""")));
        Assert.Empty(other.Effects);
        var matched = JourneyInterpreter.Advance(d, waiting.State, new EventArrived(T0, Profile, Event("paid", T0, """{ "orderId": "o1" }""")));
        Assert.Equal("paid", matched.State.ExitReason);
        Assert.Equal("o1", matched.State.Event["orderId"].AsString());
        Assert.Equal("late", Wake(d, waiting).State.ExitReason);
    }

    [Fact]
    public void Advance_Goal_IsRecordedOnceWithinItsWindowAndCanExit()
    {
        var d = Parse("""
            "goal": { "event": "order.placed", "within": "P7D", "exit": true },
            "steps": { "a": { "type": "wait", "duration": "P30D", "next": "b" }, "b": { "type": "exit" } }
            """);
        var inside = JourneyInterpreter.Advance(d, Start(d).State, new EventArrived(T0 + Duration.FromDays(3), Profile, Event("order.placed", T0 + Duration.FromDays(3))));
        Assert.Equal([typeof(GoalReached), typeof(Exited)], inside.Effects.Select(e => e.GetType()));
        Assert.Equal("goal", inside.State.ExitReason);
        var outside = JourneyInterpreter.Advance(d, Start(d).State, new EventArrived(T0 + Duration.FromDays(8), Profile, Event("order.placed", T0 + Duration.FromDays(8))));
        Assert.Empty(outside.Effects);
    }

    [Fact]
    public void Advance_BranchAndUpdate_EvaluateAgainstProfileAndEmitDeterministicEvent()
    {
        var d = Parse("""
            "steps": {
              "a": { "type": "branch", "cases": [ { "when": "profile.tier == 'Gold'", "next": "gold" } ], "otherwise": "done" },
              "gold": { "type": "update", "set": { "stage": "'vip'", "score": 3 }, "tags": { "add": ["vip"] },
                        "emit": { "type": "vip.started", "data": { "tier": "profile.tier" } }, "next": "done" },
              "done": { "type": "exit" }
            }
            """);
        var r = Start(d);
        var update = Assert.Single(r.Effects.OfType<UpdateProfile>());
        Assert.Equal("vip", update.Set["stage"].AsString());
        Assert.Equal(3, update.Set["score"].AsNumber());
        var emit = Assert.Single(r.Effects.OfType<EmitEvent>());
        Assert.Equal(("vip.started", "Gold", $"{r.State.EnrollmentId}/gold/1"), (emit.Type, emit.Data["tier"].AsString(), emit.EventId));
    }

    [Fact]
    public void Advance_Task_HasItsDueTimeInLocalCalendar()
    {
        var d = Parse("""
            "steps": { "a": { "type": "task", "queue": "care", "title": "Call {{ profile.customerId }}", "due": "P1D", "priority": "high", "next": "b" }, "b": { "type": "exit" } }
            """);
        var task = Assert.Single(Start(d).Effects.OfType<CreateTask>());
        Assert.Equal(("care", "high", T0 + Duration.FromDays(1)), (task.Queue, task.Priority, task.Due!.Value));
    }

    [Fact]
    public void Advance_BirthdayWait_WakesAtNineLocalOnTheAnniversary()
    {
        var d = Parse("""
            "steps": { "a": { "type": "wait", "until": "profile.birthday", "annual": true, "at": "09:00", "onMissing": "none", "next": "b" },
                       "b": { "type": "exit" }, "none": { "type": "exit", "reason": "no-birthday" } }
            """);
        Assert.Equal(Instant.FromUtc(2026, 3, 20, 1, 0), Start(d).State.WakeAt);
        var noBirthday = Start(d, profile: new ProfileSnapshot("c1", Value.EmptyObject.With("timezone", Value.FromString("Asia/Shanghai"))));
        Assert.Equal("no-birthday", noBirthday.State.ExitReason);
    }

    [Fact]
    public void Advance_WithoutProfileWhenOneIsNeeded_RequestsItAndKeepsTheState()
    {
        var d = Parse("""
            "steps": { "a": { "type": "branch", "cases": [ { "when": "profile.tier == 'Gold'", "next": "b" } ], "otherwise": "b" }, "b": { "type": "exit" } }
            """);
        var state = EnrollmentState.Create("j", 1, "c1", "c1");
        var r = JourneyInterpreter.Advance(d, state, new EnrollmentStarted(T0, null, Event("go", T0)));
        Assert.Same(state, r.State);
        Assert.Equal(new ProfileRequested("a"), Assert.Single(r.Effects));
    }

    [Fact]
    public void Advance_MaxDuration_NoWakeBeyondTheDeadlineAndExitThere()
    {
        var d = Parse("""
            "maxDuration": "P10D",
            "steps": { "a": { "type": "wait", "duration": "P30D", "next": "b" }, "b": { "type": "exit" } }
            """);
        var started = Start(d);
        Assert.Equal(T0 + Duration.FromDays(10), started.State.WakeAt);
        Assert.Equal("maxDuration", Wake(d, started).State.ExitReason);
    }

    [Fact]
    public void Advance_AnEventTheEnrollmentDoesNotCareAbout_ChangesNothing_UntilTheDeadlineHasPassed()
    {
        var d = Parse("""
            "maxDuration": "P10D",
            "steps": { "a": { "type": "wait", "duration": "P30D", "next": "b" }, "b": { "type": "exit" } }
            """);
        var waiting = Start(d).State;

        var before = JourneyInterpreter.Advance(d, waiting, new EventArrived(T0 + Duration.FromDays(2), Profile, Event("page.viewed", T0 + Duration.FromDays(2))));
        var after = JourneyInterpreter.Advance(d, waiting, new EventArrived(T0 + Duration.FromDays(11), Profile, Event("page.viewed", T0 + Duration.FromDays(11))));

        Assert.Same(waiting, before.State);
        Assert.Empty(before.Effects);
        Assert.Equal(("maxDuration", EnrollmentStatus.Exited), (after.State.ExitReason, after.State.Status));
    }

    [Fact]
    public void Advance_ExitRequested_ExitsWithTheReason() =>
        Assert.Equal("erased", JourneyInterpreter.Advance(Drip, Start(Drip).State, new ExitRequested(T0, "erased")).State.ExitReason);

    [Fact]
    public void Advance_Holdout_WithholdsEveryMessageAndHoldsAboutTheConfiguredShare()
    {
        var d = Parse("""
            "holdout": 10,
            "steps": { "a": { "type": "send", "channel": "email", "template": "t", "next": "b" }, "b": { "type": "exit" } }
            """);
        var results = Enumerable.Range(0, 10_000).Select(i => Start(d, "c" + i)).ToList();
        var held = results.Where(r => r.State.Holdout).ToList();
        Assert.InRange(held.Count, 900, 1100);
        Assert.All(held, r => Assert.Empty(r.Effects.OfType<SendMessage>()));
        Assert.All(held, r => Assert.Equal("holdout", Assert.Single(r.Effects.OfType<MessageWithheld>()).Reason));
        Assert.All(results.Where(r => !r.State.Holdout), r => Assert.Single(r.Effects.OfType<SendMessage>()));
    }

    private static readonly Engagement.Journeys.Definitions.JourneyDefinition Split = Parse("""
        "steps": { "a": { "type": "split", "variants": [ { "name": "x", "weight": 3, "next": "b" }, { "name": "y", "weight": 1, "next": "b" } ] }, "b": { "type": "exit" } }
        """);

    [Fact]
    public void Advance_Split_IsStickyPerCustomer() =>
        Prop.ForAll<NonEmptyString>(id => Start(Split, id.Get).State.Variant == Start(Split, id.Get).State.Variant).QuickCheckThrowOnFailure();

    [Fact]
    public void Advance_Split_FollowsTheWeights()
    {
        var share = Enumerable.Range(0, 20_000).Count(i => Start(Split, "c" + i).State.Variant == "x") / 20_000.0;
        Assert.InRange(share, 0.73, 0.77);
    }

    [Fact]
    public void Advance_SameInputs_GiveEqualOutputs() =>
        Prop.ForAll<NonEmptyString, PositiveInt>((id, hours) =>
        {
            var at = T0 + Duration.FromHours(hours.Get % 1000);
            string Run() => string.Join("|", JourneyInterpreter.Advance(Drip, Start(Drip, id.Get).State, new TimerFired(at, Profile, T0 + Duration.FromDays(1))).Effects);
            return Run() == Run();
        }).QuickCheckThrowOnFailure();
}
