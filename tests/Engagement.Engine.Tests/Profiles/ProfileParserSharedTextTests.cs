using Engagement.Engine.Profiles;
using Engagement.Journeys.Channels;

namespace Engagement.Engine.Tests.Profiles;

/// <summary>Text that repeats from profile to profile is kept once, not once per member.</summary>
public sealed class ProfileParserSharedTextTests
{
    private static CustomerProfile Parse(string id)
    {
        var line = $$"""
            { "customerId": "{{id}}", "locale": "zh-CN", "timezone": "Asia/Shanghai", "channels": ["email", "sms"], "tags": ["vip"],
              "consents": { "email": { "marketing": true, "at": "2026-01-05T03:05:00Z", "source": "registration-form" } },
              "attributes": { "tier": "Gold" } }
            """.ReplaceLineEndings(" ");
        Assert.True(ProfileParser.TryParse(line, out var profile, out var field, out var error), $"{field}: {error}");
        return profile!;
    }

    [Fact]
    public void TryParse_TwoProfiles_ShareTheirRepeatedText()
    {
        var first = Parse("c1");
        var second = Parse("c2");

        Assert.Same(first.Locale, second.Locale);
        Assert.Same(first.TimeZone, second.TimeZone);
        Assert.Same(first.Tags[0], second.Tags[0]);
        Assert.Same(first.Consents[0].Source, second.Consents[0].Source);
        Assert.Equal("registration-form", second.Consents[0].Source);
        Assert.Same(first.Attributes.Fields.Keys.Single(), second.Attributes.Fields.Keys.Single());
        Assert.NotSame(first.CustomerId, second.CustomerId);
    }

    [Fact]
    public void TryParse_ChannelNames_AreTheRegistrysOwnStrings()
    {
        var profile = Parse("c1");

        Assert.Same(ChannelRegistry.Shared.Find("email")!.Name, profile.Channels[0]);
        Assert.Same(ChannelRegistry.Shared.Find("sms")!.Name, profile.Channels[1]);
        Assert.Same(ChannelRegistry.Shared.Find("email")!.Name, profile.Consents[0].Channel);
    }
}
