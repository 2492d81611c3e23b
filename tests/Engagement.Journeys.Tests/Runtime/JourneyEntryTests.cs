using Engagement.Journeys.Runtime;
using NodaTime;
using static Engagement.Journeys.Tests.Runtime.Journeys;

namespace Engagement.Journeys.Tests.Runtime;

public sealed class JourneyEntryTests
{
    private const string Steps = """ "steps": { "a": { "type": "wait", "duration": "P1D", "next": "b" }, "b": { "type": "exit" } } """;

    private static EntryDecision Decide(string reentry, EnrollmentState[] existing, string key = "", Instant? at = null) =>
        JourneyEntry.Decide(Parse($"\"reentry\": {reentry}, {Steps}"), Event("go", at ?? T0), Profile, existing);

    private static EnrollmentState Active(string key = "c1") => EnrollmentState.Create("j", 1, "c1", key) with { Status = EnrollmentStatus.Waiting, EnteredAt = T0 - Duration.FromDays(3) };

    private static EnrollmentState Done(string key = "c1") => Active(key) with { Status = EnrollmentStatus.Exited };

    [Fact]
    public void Decide_Never_SkipsAnyoneEverEnrolled() => Assert.Equal("reentry:never", Decide("\"never\"", [Done()]).Reason);

    [Fact]
    public void Decide_AfterExit_SkipsWhileActiveAndReentersWithANewKeyAfter()
    {
        Assert.Equal("reentry:active", Decide("\"afterExit\"", [Active()]).Reason);
        var again = Decide("\"afterExit\"", [Done()]);
        Assert.Equal((EntryDecisionKind.Enroll, "c1#2"), (again.Kind, again.EnrollmentKey));
    }

    [Fact]
    public void Decide_Restart_ExitsTheActiveEnrollmentFirst()
    {
        var active = Active();
        var d = Decide("\"restart\"", [active]);
        Assert.Equal(EntryDecisionKind.Enroll, d.Kind);
        Assert.Equal([active.EnrollmentId], d.ExitFirst.ToArray());
    }

    [Fact]
    public void Decide_Cooldown_SkipsUntilTheCooldownHasPassed()
    {
        Assert.Equal("reentry:cooldown", Decide("{ \"cooldown\": \"P30D\" }", [Done()]).Reason);
        Assert.Equal(EntryDecisionKind.Enroll, Decide("{ \"cooldown\": \"P30D\" }", [Done()], at: T0 + Duration.FromDays(40)).Kind);
    }

    [Fact]
    public void Decide_Always_EnrollsAlongsideAnActiveOne() => Assert.Equal(EntryDecisionKind.Enroll, Decide("\"always\"", [Active()]).Kind);

    [Fact]
    public void Decide_ExplicitKey_TheSameKeyNeverEnrollsTwice()
    {
        var d = Parse($"\"reentry\": \"always\", {Steps}", trigger: """{ "event": "go", "key": "event.k" }""");
        var first = JourneyEntry.Decide(d, Event("go", T0, """{ "k": "cmp-1" }"""), Profile, []);
        Assert.Equal("cmp-1", first.Key);
        var second = JourneyEntry.Decide(d, Event("go", T0, """{ "k": "cmp-1" }"""), Profile, [EnrollmentState.Create("j", 1, "c1", "cmp-1")]);
        Assert.Equal("duplicate-key", second.Reason);
        Assert.Equal("missing-key", JourneyEntry.Decide(d, Event("go", T0), Profile, []).Reason);
    }

    [Fact]
    public void Decide_ExplicitKey_CountsLaterEntriesWithTheKey_ButNotKeysItPrefixes()
    {
        var d = Parse($"\"reentry\": \"restart\", {Steps}", trigger: """{ "event": "go", "key": "event.k" }""");
        var first = EnrollmentState.Create("j", 1, "c1", "cmp-1") with { Status = EnrollmentStatus.Exited };
        var second = EnrollmentState.Create("j", 1, "c1", "cmp-1#2") with { Status = EnrollmentStatus.Waiting };
        var longer = EnrollmentState.Create("j", 1, "c1", "cmp-10") with { Status = EnrollmentStatus.Waiting };

        var decision = JourneyEntry.Decide(d, Event("go", T0, """{ "k": "cmp-1" }"""), Profile, [first, longer, second]);

        Assert.Equal((EntryDecisionKind.Enroll, "cmp-1#3"), (decision.Kind, decision.EnrollmentKey));
        Assert.Equal([second.EnrollmentId], decision.ExitFirst.ToArray());
    }

    [Fact]
    public void Decide_Cooldown_CountsFromTheLatestEntry()
    {
        var early = Done() with { EnteredAt = T0 - Duration.FromDays(90) };
        var late = Done("c1#2") with { EnteredAt = T0 - Duration.FromDays(10) };

        Assert.Equal("reentry:cooldown", Decide("{ \"cooldown\": \"P30D\" }", [late, early]).Reason);
        Assert.Equal(EntryDecisionKind.Enroll, Decide("{ \"cooldown\": \"P30D\" }", [early]).Kind);
    }

    [Theory]
    [InlineData("\"never\"")]
    [InlineData("\"afterExit\"")]
    [InlineData("{ \"cooldown\": \"P30D\" }")]
    [InlineData("\"always\"")]
    [InlineData("\"restart\"")]
    public void Decide_ExitedOnesHeldAsKeyAndEntry_DecideAsTheirWholeStates(string reentry)
    {
        var d = Parse($"\"reentry\": {reentry}, {Steps}");
        var early = Done() with { EnteredAt = T0 - Duration.FromDays(90) };
        var late = Done("c1#2") with { EnteredAt = T0 - Duration.FromDays(20) };
        var active = Active("c1#3");
        var marks = new[] { new ExitedEnrollment(early.Key, early.EnteredAt), new ExitedEnrollment(late.Key, late.EnteredAt) };

        foreach (var at in new[] { T0, T0 + Duration.FromDays(15) })
        {
            var whole = JourneyEntry.Decide(d, Event("go", at), Profile, [early, late]);
            var held = JourneyEntry.Decide(d, Event("go", at), Profile, new EntryHistory([], marks));
            var wholeWithActive = JourneyEntry.Decide(d, Event("go", at), Profile, [early, active, late]);
            var heldWithActive = JourneyEntry.Decide(d, Event("go", at), Profile, new EntryHistory([active], marks));

            Assert.Equal((whole.Kind, whole.Reason, whole.EnrollmentKey), (held.Kind, held.Reason, held.EnrollmentKey));
            Assert.Equal((wholeWithActive.Kind, wholeWithActive.Reason, wholeWithActive.EnrollmentKey), (heldWithActive.Kind, heldWithActive.Reason, heldWithActive.EnrollmentKey));
            Assert.Equal(wholeWithActive.ExitFirst.ToArray(), heldWithActive.ExitFirst.ToArray());
        }
    }

    [Fact]
    public void Decide_ExitedOnesHeldAsKeyAndEntry_CountTowardsTheNextKey_AndTheCooldown()
    {
        var marks = new[] { new ExitedEnrollment("c1", T0 - Duration.FromDays(90)), new ExitedEnrollment("c1#2", T0 - Duration.FromDays(10)) };
        var always = JourneyEntry.Decide(Parse($"\"reentry\": \"always\", {Steps}"), Event("go", T0), Profile, new EntryHistory([], marks));
        var cooldown = JourneyEntry.Decide(Parse($"\"reentry\": {{ \"cooldown\": \"P30D\" }}, {Steps}"), Event("go", T0), Profile, new EntryHistory([], marks));
        var never = JourneyEntry.Decide(Parse($"\"reentry\": \"never\", {Steps}"), Event("go", T0), Profile, new EntryHistory([], marks[..1]));

        Assert.Equal((EntryDecisionKind.Enroll, "c1#3"), (always.Kind, always.EnrollmentKey));
        Assert.Equal("reentry:cooldown", cooldown.Reason);
        Assert.Equal("reentry:never", never.Reason);
        Assert.Equal(EntryDecisionKind.Enroll, JourneyEntry.Decide(Parse($"\"reentry\": \"never\", {Steps}"), Event("go", T0), Profile, EntryHistory.Empty).Kind);
    }

    [Fact]
    public void Decide_OtherEventType_IsSkipped() =>
        Assert.Equal("trigger-type", JourneyEntry.Decide(Parse(Steps), Event("other", T0), Profile, []).Reason);
}
