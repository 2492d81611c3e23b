using System.Globalization;
using System.Text;
using Engagement.Engine.Events;

namespace Engagement.Engine.Tests.Events;

/// <summary>The streaming fast path of <see cref="EventParser"/> takes only lines the strict path accepts and gives the same
/// event; every other line gets the strict path's answer, word for word.</summary>
public sealed class StreamingEventReaderTests
{
    private const string Head = "\"id\":\"e1\",\"type\":\"order.placed\",\"customerId\":\"c1\",\"time\":\"2026-03-01T09:00:00Z\"";

    public static TheoryData<string> WellFormed => new()
    {
        "{" + Head + "}",
        "{" + Head + ",\"data\":null}",
        "{" + Head + ",\"data\":{}}",
        "{\"data\":{\"total\":12.5,\"items\":[1,\"two\",true,null,{\"sku\":\"A-1\"}],\"at\":\"2026-03-01T09:00:00Z\"}," + Head + "}",
        "{" + Head + ",\"data\":{\"name\":\"J\\u00fcrgen \\\"Jo\\\"\",\"n\":-0.0,\"big\":18446744073709551616,\"e\":1e300}}",
        "  { " + Head.Replace(",", " , ", StringComparison.Ordinal) + " , \"data\" : { \"a\" : [ ] } }  ",
        "{" + Head.Replace("2026-03-01T09:00:00Z", "2026-03-01T10:00:00+01:00", StringComparison.Ordinal) + "}",
        "{" + Head + ",\"data\":{\"k\":1,\"k\":2}}",
    };

    public static TheoryData<string> Unusual => new()
    {
        "{" + Head + ",\"id\":\"e2\"}",
        "{" + Head + ",\"extra\":1}",
        "{" + Head + "} trailing",
        "{" + Head + "}{}",
        "{" + Head,
        "{" + Head + ",\"data\":{\"a\":1}",
        "{" + Head + ",\"data\":[1]}",
        "{" + Head + ",\"data\":\"text\"}",
        "{" + Head + ",\"data\":{\"a\":1e999}}",
        "{" + Head + ",\"data\":{\"a\":NaN}}",
        "{" + Head + ",\"data\":{\"a\":[Infinity]}}",
        "{" + Head + ",\"data\":{\"a\":" + new string('9', 320) + "}}",
        "{" + Head + ",/* note */\"data\":{}}",
        "{" + Head + ",\"data\":{/* note */\"a\":1}}",
        "{\"id\":\"  \",\"type\":\"t\",\"customerId\":\"c1\",\"time\":\"2026-03-01T09:00:00Z\"}",
        "{\"id\":7,\"type\":\"t\",\"customerId\":\"c1\",\"time\":\"2026-03-01T09:00:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"t\",\"customerId\":null,\"time\":\"2026-03-01T09:00:00Z\",\"data\":{\"email\":\"a@example.com\"}}",
        "{\"id\":\"e1\",\"type\":\"t\",\"time\":\"2026-03-01T09:00:00Z\"}",
        "{\"id\":\"e1\",\"type\":\"t\",\"customerId\":\"c1\",\"time\":\"yesterday\"}",
        "{\"id\":\"e1\",\"type\":\"t\",\"customerId\":\"c1\",\"time\":\"2026-03-01T09:00:00\"}",
        "{'id':'e1','type':'t','customerId':'c1','time':'2026-03-01T09:00:00Z'}",
        "{id:\"e1\",type:\"t\",customerId:\"c1\",time:\"2026-03-01T09:00:00Z\"}",
        "[" + "{" + Head + "}]",
        "\"text\"",
        "",
        "null",
        "{" + Head + ",\"data\":" + new string('[', 70) + new string(']', 70) + "}",
        "{" + Head + ",\"data\":{\"a\":" + string.Concat(Enumerable.Repeat("{\"b\":", 70)) + "1" + new string('}', 70) + "}}",
    };

    [Theory, MemberData(nameof(WellFormed))]
    public void TryRead_WellFormedLine_GivesTheStrictPathsEvent(string line)
    {
        Assert.True(StreamingEventReader.TryRead(line, out var fast));
        Assert.True(EventParser.TryParseStrict(line, null, out var strict, out _, out var error), error);

        Assert.Equal(strict, fast);
    }

    [Theory, MemberData(nameof(WellFormed)), MemberData(nameof(Unusual))]
    public void TryParse_AnyLine_AnswersAsTheStrictPath(string line) => AssertSameAnswer(line);

    [Fact]
    public void TryParse_GeneratedAndDamagedLines_AnswerAsTheStrictPath()
    {
        var random = new Random(20261206);
        var fast = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var line = Generated(random);
            if (random.Next(3) == 0)
            {
                line = Damaged(line, random);
            }

            fast += StreamingEventReader.TryRead(line, out _) ? 1 : 0;
            AssertSameAnswer(line);
        }

        Assert.InRange(fast, 500, 2_000); // the fast path is taken for most lines, so the comparison means something
    }

    private static void AssertSameAnswer(string line)
    {
        var ok = EventParser.TryParse(line, out var e, out var field, out var error);
        var strictOk = EventParser.TryParseStrict(line, null, out var strict, out var strictField, out var strictError);

        Assert.Equal((strictOk, strict, strictField, strictError), (ok, e, field, error));
    }

    private static string Generated(Random random)
    {
        var fields = new List<string>
        {
            "\"id\":\"e" + random.Next(1000) + "\"",
            "\"type\":\"" + (random.Next(2) == 0 ? "order.placed" : "cart.updated") + "\"",
            "\"customerId\":\"c" + random.Next(100) + "\"",
            "\"time\":\"2026-0" + random.Next(1, 10) + "-1" + random.Next(10) + "T0" + random.Next(10) + ":00:00Z\"",
        };
        if (random.Next(4) != 0)
        {
            fields.Add("\"data\":" + Data(random, 0));
        }

        return "{" + string.Join(",", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static string Data(Random random, int depth)
    {
        var count = random.Next(depth > 2 ? 1 : 5);
        var sb = new StringBuilder("{");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i > 0 ? "," : string.Empty).Append("\"f").Append(random.Next(6)).Append("\":").Append(Item(random, depth + 1));
        }

        return sb.Append('}').ToString();
    }

    private static string Item(Random random, int depth) => random.Next(depth > 2 ? 5 : 7) switch
    {
        0 => (random.NextDouble() * 1000 - 500).ToString("R", CultureInfo.InvariantCulture),
        1 => random.Next(-100, 100).ToString(CultureInfo.InvariantCulture),
        2 => "\"t" + random.Next(50) + (random.Next(4) == 0 ? "\\n\\u00e9" : string.Empty) + "\"",
        3 => random.Next(2) == 0 ? "true" : "false",
        4 => "null",
        5 => "[" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => Item(random, depth + 1))) + "]",
        _ => Data(random, depth),
    };

    private static string Damaged(string line, Random random)
    {
        var at = random.Next(line.Length);
        return random.Next(4) switch
        {
            0 => line.Remove(at, 1),
            1 => line.Insert(at, ((string[])["}", "{", ",", "\"", "x", " ", "1e999"])[random.Next(7)]),
            2 => line.Insert(1, "\"id\":\"dup\","),
            _ => line[..at],
        };
    }
}
