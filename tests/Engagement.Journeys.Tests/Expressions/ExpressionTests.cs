using Engagement.Journeys.Expressions;
using Engagement.Journeys.Values;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Engagement.Journeys.Tests.Expressions;

public sealed class ExpressionTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);

    private static readonly Value Profile = ValueJson.Parse("""
        { "tier": "Gold", "points": 1200, "country": "CN", "lastOrderAt": "2026-01-01T12:00:00Z", "tags": ["vip", "app"], "zip": "100", "nested": { "a": { "b": 3 } } }
        """);

    private static readonly Value Event = ValueJson.Parse("""{ "severity": "urgent", "score": 6, "complaintId": "cmp-1" }""");

    private static Value Eval(string text)
    {
        Assert.True(Expression.TryParse(text, out var e, out var errors), string.Join("; ", errors.Select(x => x.Message)));
        return e!.Evaluate(new ExpressionScope(Profile, Event, ValueJson.Parse("""{ "key": "cmp-1" }"""), Now));
    }

    private static ExpressionError SingleError(string text)
    {
        Assert.False(Expression.TryParse(text, out _, out var errors));
        return Assert.Single(errors);
    }

    [Theory]
    [InlineData("profile.tier == 'Gold'", true)]
    [InlineData("profile.tier != 'Gold'", false)]
    [InlineData("profile.points > 1000 && profile.country == 'CN'", true)]
    [InlineData("profile.points < 1000 || event.severity == 'urgent'", true)]
    [InlineData("!(profile.points >= 1200)", false)]
    [InlineData("profile.tier in ['Gold', 'Diamond']", true)]
    [InlineData("'vip' in profile.tags", true)]
    [InlineData("contains(profile.tags, 'app')", true)]
    [InlineData("event.complaintId == enrollment.key", true)]
    [InlineData("profile.zip == 100", true)]
    [InlineData("profile.nested.a.b == 3", true)]
    [InlineData("profile['tier'] == 'Gold'", true)]
    [InlineData("event.score <= 6 and not (profile.tier == 'Ordinary')", true)]
    [InlineData("1 + 2 * 3 == 7", true)]
    [InlineData("(1 + 2) * 3 == 9", true)]
    [InlineData("lower(profile.country) == 'cn'", true)]
    [InlineData("length(profile.tags) == 2", true)]
    public void Evaluate_ConditionsOverProfileEventAndEnrollment_GiveExpectedTruth(string text, bool expected) =>
        Assert.Equal(expected, Eval(text).IsTruthy);

    [Theory]
    [InlineData("profile.missing == null", true)]
    [InlineData("profile.missing > 3", false)]
    [InlineData("profile.missing < 3", false)]
    [InlineData("profile.missing == 'x'", false)]
    [InlineData("profile.missing != 'x'", true)]
    [InlineData("exists(profile.missing)", false)]
    [InlineData("exists(profile.tier)", true)]
    [InlineData("profile.missing.deeper.still == null", true)]
    [InlineData("profile.missing + 1 == null", true)]
    public void Evaluate_MissingAttribute_IsADefinedValueNotAnException(string text, bool expected) =>
        Assert.Equal(expected, Eval(text).IsTruthy);

    [Fact]
    public void Evaluate_DaysSince_CountsWholeDaysToTheStimulusTime() =>
        Assert.Equal(59, Eval("daysSince(profile.lastOrderAt)").AsNumber());

    [Fact]
    public void Evaluate_PlusWithText_Concatenates() => Assert.Equal("Gold-CN", Eval("profile.tier + '-' + profile.country").AsString());

    [Fact]
    public void Evaluate_Coalesce_TakesTheFirstPresentValue() => Assert.Equal("potential", Eval("coalesce(profile.stage, 'potential')").AsString());

    [Fact]
    public void TryParse_SingleEquals_SuggestsDoubleEquals()
    {
        Assert.False(Expression.TryParse("profile.tier = 'Gold'", out _, out var errors));
        var error = errors[0];
        Assert.Equal(13, error.Offset);
        Assert.Contains("did you mean '=='", error.Message);
    }

    [Fact]
    public void TryParse_UnknownRoot_NamesTheRootsAndPosition()
    {
        var error = SingleError("event.a == 1 && profle.tier == 'x'");
        Assert.Equal(16, error.Offset);
        Assert.Contains("did you mean 'profile'", error.Message);
    }

    [Fact]
    public void TryParse_UnknownFunction_SuggestsTheClosest()
    {
        var error = SingleError("dayssince(profile.x) > 3");
        Assert.Equal(0, error.Offset);
        Assert.Contains("did you mean 'daysSince'", error.Message);
    }

    [Fact]
    public void TryParse_UnterminatedText_PointsAtTheOpeningQuote() => Assert.Equal(16, SingleError("profile.tier == 'Gold").Offset);

    [Fact]
    public void TryParse_UnbalancedParenthesis_SaysWhatWasExpected()
    {
        var error = SingleError("(profile.points > 3");
        Assert.Equal(19, error.Offset);
        Assert.Contains("')'", error.Message);
    }

    [Fact]
    public void TryParse_TrailingGarbage_IsAnError() => Assert.Equal(15, SingleError("profile.a == 1 profile.b").Offset);

    [Fact]
    public void TryParse_Empty_IsAnError() => Assert.Contains("empty", SingleError("  ").Message);

    [Fact]
    public void TryParse_WrongArity_IsAnError() => Assert.Contains("takes 1", SingleError("exists(profile.a, profile.b)").Message);

    [Fact]
    public void ReferencedPaths_ListsEveryPathAsWritten()
    {
        Assert.True(Expression.TryParse("profile.tier == 'Gold' && event.score > enrollment.key", out var e, out _));
        Assert.Equal(["profile.tier", "event.score", "enrollment.key"], e!.ReferencedPaths);
        Assert.True(e.References("profile"));
        Assert.False(e.References("prof"));
    }

    [Fact]
    public void Evaluate_NeverThrows_ForRandomPathsOverRandomObjects() =>
        Prop.ForAll<string, int, string>((name, number, text) =>
        {
            var safe = new string((name ?? "a").Where(char.IsAsciiLetter).DefaultIfEmpty('a').ToArray());
            var data = Value.EmptyObject.With(safe, Value.FromNumber(number)).With("t", Value.FromString(text));
            Assert.True(Expression.TryParse($"profile.{safe} > 3 || profile.t == 'x' || daysSince(profile.t) > 1 || profile.{safe}.deep + 1 == 2", out var e, out _));
            _ = e!.Evaluate(new ExpressionScope(data, Value.Missing, Value.Missing, Now));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Evaluate_DoubleNegation_EqualsTruthiness() =>
        Prop.ForAll<int>(n =>
        {
            var data = Value.EmptyObject.With("n", Value.FromNumber(n));
            Assert.True(Expression.TryParse("!!profile.n", out var e, out _));
            Assert.Equal(n != 0, e!.IsTrue(new ExpressionScope(data, Value.Missing, Value.Missing, Now)));
        }).QuickCheckThrowOnFailure();
}
