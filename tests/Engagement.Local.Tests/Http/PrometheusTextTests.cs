using Engagement.Local.Http;

namespace Engagement.Local.Tests.Http;

public class PrometheusTextTests
{
    [Fact]
    public void Sample_LabelValueWithQuoteBackslashAndLineFeed_IsEscaped()
    {
        var text = new PrometheusText().Family("m", "gauge", "help").Sample("m", 1, "l", "a\"b\\c\nd").ToString();

        Assert.Equal("# HELP m help\n# TYPE m gauge\nm{l=\"a\\\"b\\\\c\\nd\"} 1\n", text);
    }

    [Theory]
    [InlineData(1234567890123.0, "1234567890123")]
    [InlineData(0.25, "0.25")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Single_Value_IsWrittenInvariantly(double value, string written)
    {
        var text = new PrometheusText().Single("m_total", "counter", "help", value).ToString();

        Assert.EndsWith("m_total " + written + "\n", text, StringComparison.Ordinal);
    }
}
