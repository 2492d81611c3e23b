using Engagement.Engine.Delivery;

namespace Engagement.Engine.Tests.Delivery;

/// <summary>The locales a send tries, made once per (profile locale, journey default) and shared.</summary>
public sealed class DeliveryLocalesTests
{
    [Theory]
    [InlineData("zh-CN", "en", new[] { "zh-CN", "zh", "en" })]
    [InlineData("en-GB", "zh-CN", new[] { "en-GB", "en", "zh-CN" })]
    [InlineData(null, "de", new[] { "de", "en" })]
    [InlineData("  ", "en", new[] { "en" })]
    [InlineData("EN", "en", new[] { "EN" })]
    [InlineData("fr", "fr", new[] { "fr", "en" })]
    public void Locales_ProfileThenLanguageThenDefaultThenEnglish(string? profileLocale, string defaultLocale, string[] expected)
    {
        Assert.Equal(expected, DeliveryPipeline.Locales(profileLocale, defaultLocale));
        Assert.Equal(expected, DeliveryPipeline.Locales(profileLocale, defaultLocale));
    }

    [Fact]
    public void Locales_TheSamePairTwice_IsTheSameListAndCannotBeChanged()
    {
        var first = DeliveryPipeline.Locales("ja-JP", "en");
        var second = DeliveryPipeline.Locales("ja-JP", "en");

        Assert.Same(first, second);
        Assert.NotSame(first, DeliveryPipeline.Locales("ja-JP", "zh-CN"));
        Assert.Throws<NotSupportedException>(() => ((IList<string>)first).Add("xx"));
    }
}
