namespace Engagement.Cosmos.Tests;

/// <summary>Which customer a rejected line names.</summary>
public sealed class RejectedCustomerTests
{
    [Theory]
    [InlineData("""{"customerId":"c-1","type":"x"}""", "c-1")]
    [InlineData("""{"type":"x","customerId":"c-2","time":""", "c-2")]
    [InlineData("""{"customerId":"c-3"} trailing""", "c-3")]
    public void Of_ALineThatParsesFarEnough_NamesItsCustomer(string raw, string expected) => Assert.Equal(expected, RejectedCustomer.Of(raw));

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"type":"x"}""")]
    [InlineData("""{"customerId":42}""")]
    [InlineData("""{"customerId":"  "}""")]
    [InlineData("""["customerId","c-1"]""")]
    public void Of_ALineWithoutAUsableCustomerId_IsNull(string raw) => Assert.Null(RejectedCustomer.Of(raw));
}
