using Engagement.Engine.Configuration;
using Microsoft.Extensions.Configuration;

namespace Engagement.Engine.Tests.Configuration;

public sealed class ConfigNodeTests
{
    private static ConfigNode Node(params (string Key, string? Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), "", []);

    [Fact]
    public void Child_NamesItsPathWithDots()
    {
        var node = Node(("channels:sms:webhook", "https://example.test/")).Child("channels").Child("sms");

        Assert.Equal("channels.sms", node.Path);
        Assert.Equal("channels.sms.webhook", node.At("webhook"));
        Assert.Equal(new Uri("https://example.test/"), node.HttpUrl("webhook"));
    }

    [Fact]
    public void String_IsTrimmedAndNullWhenBlank()
    {
        var node = Node(("a", "  x  "), ("b", "   "));

        Assert.Equal("x", node.String("a"));
        Assert.Null(node.String("b"));
        Assert.Null(node.String("missing"));
        Assert.Empty(node.Errors);
    }

    [Fact]
    public void String_OnAnObject_AddsAnErrorNamingThePath()
    {
        var node = Node(("keys:a", "1"));

        Assert.Null(node.String("keys"));
        Assert.Equal(["keys: expected a string, found an object or a list"], node.Errors);
    }

    [Fact]
    public void Integer_OutOfRange_KeepsTheFallbackAndNamesTheRangeButNotTheValue()
    {
        var node = Node(("port", "70000"));

        Assert.Equal(8080, node.Integer("port", 8080, 1, 65535));
        var error = Assert.Single(node.Errors);
        Assert.Equal("port: expected a whole number from 1 to 65535", error);
        Assert.DoesNotContain("70000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Boolean_AcceptsTrueAndFalseOnly()
    {
        var node = Node(("a", "true"), ("b", "False"), ("c", "yes"));

        Assert.True(node.Boolean("a"));
        Assert.False(node.Boolean("b"));
        Assert.Null(node.Boolean("c"));
        Assert.Equal(["c: expected true or false"], node.Errors);
    }

    [Fact]
    public void Choice_IgnoresCaseAndListsTheNamesWhenWrong()
    {
        var node = Node(("a", "SATURDAY"), ("b", "someday"));

        Assert.Equal(DayOfWeek.Saturday, node.Choice("a", DayOfWeek.Monday));
        Assert.Equal(DayOfWeek.Monday, node.Choice("b", DayOfWeek.Monday));
        Assert.StartsWith("b: expected one of sunday, monday", Assert.Single(node.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void List_ReadsIndexedChildrenInNumericOrderOrOneStringSplitAtSemicolons()
    {
        var node = Node(("a:10", "k"), ("a:2", "c"), ("a:0", "a"), ("b", " x; y ;;z "));

        Assert.Equal(["a", "c", "k"], node.List("a"));
        Assert.Equal(["x", "y", "z"], node.List("b"));
        Assert.Null(node.List("missing"));
    }

    [Fact]
    public void List_OfObjects_IsAnError()
    {
        var node = Node(("a:x", "1"));

        Assert.Null(node.List("a"));
        Assert.Equal(["a: expected a list of strings"], node.Errors);
    }

    [Fact]
    public void HttpUrl_RejectsOtherSchemesAndRelativeUrls()
    {
        var node = Node(("a", "ftp://example.test/"), ("b", "/relative"));

        Assert.Null(node.HttpUrl("a"));
        Assert.Null(node.HttpUrl("b"));
        Assert.Equal(["a: expected an absolute http(s) URL", "b: expected an absolute http(s) URL"], node.Errors);
    }

    [Fact]
    public void RejectUnknown_NamesEachTypoAndTheKnownSettings()
    {
        var root = Node(("port", "1"), ("prot", "2"));

        root.RejectUnknown("port", "journeys");

        Assert.Equal(["prot: unknown setting; expected one of port, journeys"], root.Errors);
    }

    [Fact]
    public void ChildrenOfOneRead_ShareTheirErrors()
    {
        var root = Node(("a:b", "x"));

        root.Child("a").Error("b", "bad");

        Assert.Equal(["a.b: bad"], root.Errors);
        Assert.True(root.Exists("a"));
        Assert.False(root.Exists("z"));
    }
}
