using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using static Engagement.Journeys.Tests.Runtime.Journeys;

namespace Engagement.Journeys.Tests.Definitions;

public sealed class StepKindsTests
{
    /// <summary>One journey per step kind, starting at a step of that kind. Adding a kind to <see cref="StepKinds.All"/> without a
    /// sample here fails <see cref="EveryKind_HasASampleJourney"/>.</summary>
    private static readonly IReadOnlyDictionary<string, string> Samples = new Dictionary<string, string>
    {
        [StepKinds.Send] = """ "steps": { "a": { "type": "send", "channel": "email", "template": "t", "next": "z" }, "z": { "type": "exit" } } """,
        [StepKinds.Wait] = """ "steps": { "a": { "type": "wait", "duration": "PT1H", "next": "z" }, "z": { "type": "exit" } } """,
        [StepKinds.WaitForEvent] = """ "steps": { "a": { "type": "waitForEvent", "event": "paid", "timeout": "P1D", "next": "z", "onTimeout": "z" }, "z": { "type": "exit" } } """,
        [StepKinds.Branch] = """ "steps": { "a": { "type": "branch", "cases": [ { "when": "profile.tier == 'Gold'", "next": "z" } ], "otherwise": "z" }, "z": { "type": "exit" } } """,
        [StepKinds.Split] = """ "steps": { "a": { "type": "split", "variants": [ { "name": "x", "weight": 1, "next": "z" } ] }, "z": { "type": "exit" } } """,
        [StepKinds.Update] = """ "steps": { "a": { "type": "update", "set": { "seen": "true" }, "next": "z" }, "z": { "type": "exit" } } """,
        [StepKinds.Task] = """ "steps": { "a": { "type": "task", "queue": "q", "title": "call", "next": "z" }, "z": { "type": "exit" } } """,
        [StepKinds.Exit] = """ "steps": { "a": { "type": "exit", "reason": "done" } } """,
    };

    [Fact]
    public void EveryConcreteStepType_NamesAKindFromTheList_AndEveryKindHasOneType()
    {
        var kinds = typeof(StepDefinition).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(StepDefinition)) && !t.IsAbstract)
            .Select(t => ((StepDefinition)RuntimeHelpers.GetUninitializedObject(t)).Kind)
            .ToList();

        Assert.Equal(StepKinds.All.Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryKind_HasASampleJourney()
    {
        Assert.Equal(StepKinds.All.Order(StringComparer.Ordinal), Samples.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ParseAndAdvance_EveryKind_ParsesToItsTypeAndRunsWithoutUnknownStepExit(string kind)
    {
        var journey = Parse(Samples[kind]);
        Assert.Equal(kind, journey.Step("a").Kind);

        var result = Start(journey);

        Assert.Equal(new Entered("a", false), result.Effects[0]);
        Assert.DoesNotContain(result.Effects.OfType<Exited>(), e => e.Reason == "unknown-step");
        Assert.True(result.State.Status is EnrollmentStatus.Waiting or EnrollmentStatus.Exited, $"{kind} left the enrollment {result.State.Status}");
    }

    [Fact]
    public void Advance_StepTypeWithoutAnInterpreterCase_FailsLoudlyInsteadOfExiting()
    {
        var journey = Parse(Samples[StepKinds.Exit]);
        var unknown = journey with { Steps = journey.Steps.SetItem("a", new FutureStep("a")) };

        var error = Assert.Throws<InvalidOperationException>(() => Start(unknown));

        Assert.Contains("future", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Kinds() => [.. StepKinds.All];

    private sealed record FutureStep(string Id) : StepDefinition(Id, SourceLocation.None)
    {
        public override string Kind => "future";

        public override IEnumerable<string> Successors => ImmutableArray<string>.Empty;
    }
}
