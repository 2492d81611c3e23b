using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using static Engagement.Journeys.Tests.Runtime.Journeys;

namespace Engagement.Journeys.Tests.Runtime;

/// <summary>What expressions read under <c>profile</c> and <c>enrollment</c> during one Advance: one field at a time until
/// something reads the root whole, with the same answers as the whole root.</summary>
public sealed class InterpreterScopeTests
{
    [Fact]
    public void Advance_UpdateThenBranch_ReadsTheUpdatedFieldFromTheUpdateAndTheRestFromTheProfile()
    {
        var d = Parse("""
            "steps": {
              "a": { "type": "update", "set": { "stage": "'vip'" }, "next": "b" },
              "b": { "type": "branch", "cases": [ { "when": "profile.stage == 'vip' && profile.tier == 'Gold'", "next": "c" } ], "otherwise": "done" },
              "c": { "type": "update", "set": { "stage": "'vvip'", "tier": "'Platinum'" },
                     "emit": { "type": "seen", "data": { "stage": "profile.stage", "tier": "profile.tier", "zone": "profile.timezone" } }, "next": "done" },
              "done": { "type": "exit" }
            }
            """);

        var r = Start(d);

        var emit = Assert.Single(r.Effects.OfType<EmitEvent>());
        Assert.Equal(("vip", "Gold", "Asia/Shanghai"), (emit.Data["stage"].AsString(), emit.Data["tier"].AsString(), emit.Data["zone"].AsString()));
        Assert.Equal(2, r.Effects.OfType<UpdateProfile>().Count());
    }

    [Fact]
    public void Advance_TwoUpdatesThenAReadOfTheWholeProfile_SeesBothMergedOverTheProfileLaterFirst()
    {
        var d = Parse("""
            "steps": {
              "a": { "type": "update", "set": { "stage": "'vip'", "score": 1 }, "next": "b" },
              "b": { "type": "update", "set": { "score": 2 }, "next": "c" },
              "c": { "type": "branch", "cases": [ { "when": "profile.score == 2 && profile.stage == 'vip'", "next": "d" } ], "otherwise": "done" },
              "d": { "type": "update", "set": {}, "emit": { "type": "seen", "data": { "all": "profile" } }, "next": "done" },
              "done": { "type": "exit" }
            }
            """);

        var r = Start(d);

        var all = Assert.Single(r.Effects.OfType<EmitEvent>()).Data["all"];
        Assert.Equal(Profile.Data.Merge(ValueJson.Parse("""{ "stage": "vip", "score": 2 }""")), all);
    }

    [Fact]
    public void Advance_UpdateThenConditionsOnSingleFields_NeverBuildsADeferredProfile()
    {
        var data = new CountingProfileData(ValueJson.Parse("""{ "customerId": "c1", "tier": "Gold" }"""));
        var profile = ProfileSnapshot.Deferred("c1", null, null, data);
        var d = Parse("""
            "steps": {
              "a": { "type": "update", "set": { "stage": "'vip'" }, "next": "b" },
              "b": { "type": "branch", "cases": [ { "when": "profile.stage == 'vip' && profile.tier == 'Gold'", "next": "c" } ], "otherwise": "done" },
              "c": { "type": "exit", "reason": "both-seen" },
              "done": { "type": "exit" }
            }
            """);

        var r = Start(d, profile: profile);

        Assert.Equal("both-seen", r.State.ExitReason);
        Assert.Equal(0, data.Builds);
    }

    [Fact]
    public void Advance_ConditionsOnEnrollmentFields_SeeWhatTheWholeEnrollmentHolds()
    {
        var whole = Assert.Single(Start(Parse("""
            "steps": { "a": { "type": "update", "set": {}, "emit": { "type": "seen", "data": { "all": "enrollment" } }, "next": "done" }, "done": { "type": "exit" } }
            """)).Effects.OfType<EmitEvent>()).Data["all"];
        var fields = whole.Fields.Select(f => f.Value.Kind switch
        {
            ValueKind.String => $"enrollment.{f.Key} == '{f.Value.AsString()}'",
            ValueKind.Number => $"enrollment.{f.Key} == {f.Value.AsNumber()}",
            ValueKind.Boolean => $"enrollment.{f.Key} == {(f.Value.AsBoolean() == true ? "true" : "false")}",
            _ => $"!exists(enrollment.{f.Key})",
        }).Append("!exists(enrollment.other)").ToList();
        var d = Parse($$"""
            "steps": {
              "a": { "type": "branch", "cases": [ { "when": "{{string.Join(" && ", fields)}}", "next": "c" } ], "otherwise": "done" },
              "c": { "type": "exit", "reason": "as-whole" },
              "done": { "type": "exit" }
            }
            """);

        var r = Start(d);

        Assert.Equal(["customerId", "enrollmentId", "enteredAt", "holdout", "journey", "key", "now", "variant", "version"], whole.Fields.Keys.Where(k => k != "other"));
        Assert.Equal("as-whole", r.State.ExitReason);
    }

    private sealed class CountingProfileData(Value data) : IProfileData
    {
        public int Builds { get; private set; }

        public Value Build()
        {
            Builds++;
            return data;
        }

        public Value Field(string name) => data[name];
    }
}
