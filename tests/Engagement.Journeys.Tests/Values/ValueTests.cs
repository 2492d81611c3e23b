using Engagement.Journeys.Values;

namespace Engagement.Journeys.Tests.Values;

public sealed class ValueTests
{
    [Fact]
    public void FromFields_ASortedMap_IsTheSameObjectAsFromObject_AndTheEmptyMapIsTheEmptyObject()
    {
        var fields = System.Collections.Immutable.ImmutableSortedDictionary.Create<string, Value>()
            .Add("b", Value.FromString("x")).Add("a", Value.FromBoolean(true));

        var value = Value.FromFields(fields);

        Assert.Equal(Value.FromObject(fields), value);
        Assert.Equal(["a", "b"], value.Fields.Keys);
        Assert.Same(StringComparer.Ordinal, value.Fields.KeyComparer);
        Assert.Same(Value.EmptyObject, Value.FromFields(fields.Clear()));
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("\"\"", false)]
    [InlineData("null", false)]
    [InlineData("[]", false)]
    [InlineData("true", true)]
    [InlineData("-1", true)]
    [InlineData("\"no\"", true)]
    [InlineData("[0]", true)]
    [InlineData("{}", true)]
    public void IsTruthy_FollowsTheConditionRules(string json, bool truthy)
    {
        Assert.Equal(truthy, ValueJson.Parse(json).IsTruthy);
    }

    [Fact]
    public void Get_FollowsAPath_AndIsMissingAsSoonAsAStepIsAbsent()
    {
        var profile = ValueJson.Parse("""{ "address": { "city": "Shanghai", "zip": null } }""");

        Assert.Equal("Shanghai", profile.Get(["address", "city"]).AsString());
        Assert.Equal(ValueKind.Null, profile.Get(["address", "zip"]).Kind);
        Assert.True(profile.Get(["address", "street", "number"]).IsMissing);
        Assert.False(Value.Missing.IsTruthy);
    }

    [Fact]
    public void WithWithoutAndMerge_LeaveTheOriginalUnchanged()
    {
        var original = ValueJson.Parse("""{ "a": 1, "b": 2 }""");

        var changed = original.With("c", Value.FromString("x")).Without("a").Merge(ValueJson.Parse("""{ "b": 3 }"""));

        Assert.Equal("""{"b":3,"c":"x"}""", ValueJson.Write(changed));
        Assert.Equal("""{"a":1,"b":2}""", ValueJson.Write(original));
    }

    [Fact]
    public void Equality_IsByContent_WhateverTheFieldOrder()
    {
        var a = ValueJson.Parse("""{ "x": [1, "two"], "y": { "z": true } }""");
        var b = ValueJson.Parse("""{ "y": { "z": true }, "x": [1, "two"] }""");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ValueJson.Parse("""{ "x": [1, "2"], "y": { "z": true } }"""));
        Assert.NotEqual(Value.FromNumber(1), Value.FromString("1"));
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("2.5", "2.5")]
    [InlineData("100", "100")]
    [InlineData("true", "true")]
    [InlineData("null", "")]
    [InlineData("[1,\"a\"]", "[1,\"a\"]")]
    public void ToString_IsWhatATemplatePrints(string json, string text)
    {
        Assert.Equal(text, ValueJson.Parse(json).ToString());
    }

    [Fact]
    public void ValueJson_KeepsDatesAsWrittenAndWholeNumbersWhole()
    {
        var value = ValueJson.Parse("""{ "at": "2026-03-02T02:00:00+08:00", "count": 3, "big": 123456789012345678901234567890 }""");

        Assert.Equal("2026-03-02T02:00:00+08:00", value["at"].AsString());
        Assert.Equal("""{"at":"2026-03-02T02:00:00+08:00","big":1.2345678901234568E+29,"count":3}""", ValueJson.Write(value));
    }
}
