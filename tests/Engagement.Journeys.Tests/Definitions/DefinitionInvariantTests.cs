using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using static Engagement.Journeys.Tests.Runtime.Journeys;

namespace Engagement.Journeys.Tests.Definitions;

public sealed class DefinitionInvariantTests
{
    [Fact]
    public void SplitStep_WithoutVariants_IsRejectedWhereItIsBuilt()
    {
        var error = Assert.Throws<ArgumentException>(() => new SplitStep("ab", SourceLocation.None, ImmutableArray<SplitVariant>.Empty));

        Assert.Contains("'ab' needs at least one variant", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SplitStep("ab", SourceLocation.None, default));
    }

    [Fact]
    public void SplitStep_WithEmptiedVariants_IsRejectedToo()
    {
        var split = new SplitStep("ab", SourceLocation.None, [new SplitVariant("x", 1, "z")]);

        Assert.Throws<ArgumentException>(() => split with { Variants = ImmutableArray<SplitVariant>.Empty });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void SplitVariant_WeightBelowOne_IsRejected(int weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitVariant("x", weight, "z"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void JourneyDefinition_PriorityOrHoldoutOutside0To100_IsRejected(int percent)
    {
        var journey = Parse(""" "steps": { "a": { "type": "exit" } } """);

        Assert.Throws<ArgumentOutOfRangeException>(() => journey with { Priority = percent });
        Assert.Throws<ArgumentOutOfRangeException>(() => journey with { Holdout = percent });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void JourneyDefinition_PriorityAndHoldoutAtTheBounds_AreKept(int percent)
    {
        var journey = Parse(""" "steps": { "a": { "type": "exit" } } """) with { Priority = percent, Holdout = percent };

        Assert.Equal((percent, percent), (journey.Priority, journey.Holdout));
    }
}
