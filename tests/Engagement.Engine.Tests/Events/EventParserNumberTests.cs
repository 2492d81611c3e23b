using Engagement.Engine.Events;

namespace Engagement.Engine.Tests.Events;

public class EventParserNumberTests
{
    private static string Line(string data) =>
        $$"""{"id":"e1","type":"order.placed","customerId":"c1","time":"2026-03-01T09:00:00Z","data":{{data}}}""";

    [Theory]
    [InlineData("18446744073709551616", 18446744073709551616d)]
    [InlineData("-99999999999999999999999999999999", -99999999999999999999999999999999d)]
    [InlineData("1e300", 1e300)]
    public void TryParse_IntegerBeyondLongOrLargeNumber_KeepsItAsANumber(string number, double expected)
    {
        Assert.True(EventParser.TryParse(Line($$"""{"amount":{{number}}}"""), out var e, out _, out var error), error);

        Assert.Equal(expected, e!.Data["amount"].AsNumber());
    }

    [Theory]
    [InlineData("{\"amount\":1e999}", "data.amount")]
    [InlineData("{\"n\":[1,-1e400]}", "data.n[1]")]
    public void TryParse_NumberBeyondTheDoubleRange_IsRefusedNamingIt(string data, string path)
    {
        Assert.False(EventParser.TryParse(Line(data), out _, out var field, out var error));

        Assert.Equal(path, field);
        Assert.Contains("out of range", error);
    }

    [Theory]
    [InlineData(309, "data.amount")] // parsed, but beyond the double range
    [InlineData(400, null)] // longer than Newtonsoft reads (380 characters): malformed
    public void TryParse_VeryLongInteger_IsRefused(int digits, string? expectedField)
    {
        Assert.False(EventParser.TryParse(Line($$"""{"amount":{{new string('9', digits)}}}"""), out _, out var field, out var error));

        Assert.Equal(expectedField, field);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
