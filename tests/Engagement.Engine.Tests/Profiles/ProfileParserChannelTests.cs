using Engagement.Engine.Profiles;

namespace Engagement.Engine.Tests.Profiles;

/// <summary>A profile naming a channel the registry does not know is rejected with the field, not suppressed later.</summary>
public sealed class ProfileParserChannelTests
{
    [Theory]
    [InlineData("""{ "customerId": "c1", "channels": ["sms", "fax"] }""", "channels", "unknown channel 'fax' in 'channels': expected email, sms or push")]
    [InlineData("""{ "customerId": "c1", "consents": { "fax": { "marketing": true } } }""", "consents.fax", "unknown channel 'fax' in 'consents': expected email, sms or push")]
    public void TryParse_UnknownChannel_IsRejectedNamingTheField(string line, string field, string message)
    {
        Assert.False(ProfileParser.TryParse(line, out var profile, out var where, out var error));

        Assert.Null(profile);
        Assert.Equal((field, message), (where, error));
    }

    [Fact]
    public void TryParse_KnownChannels_KeepsThePreferenceOrder()
    {
        Assert.True(ProfileParser.TryParse("""{ "customerId": "c1", "channels": ["push", "email"] }""", out var profile, out _, out _));

        Assert.Equal(["push", "email"], profile!.Channels.ToArray());
    }
}
