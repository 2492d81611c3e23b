using System.Text;
using Engagement.Engine.Integrations;

namespace Engagement.Engine.Tests.Integrations;

/// <summary>The ingest key check the Azure host's anonymous Segment and CloudEvents triggers use.</summary>
public sealed class WriteKeysTests
{
    private const string Key = "write-key-0123456789abcdef";
    private static readonly WriteKeys Keys = new([Key, "other-key-0123456789abcdef"]);

    private static string Basic(string text) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Allows_ConfiguredKeyInAnyOfTheThreeForms()
    {
        Assert.True(Keys.Allows(Key, null));
        Assert.True(Keys.Allows(null, "Bearer " + Key));
        Assert.True(Keys.Allows(null, Basic(Key + ":")));
        Assert.True(Keys.Allows(null, Basic(Key)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong-key-0123456789abcdef", null)]
    [InlineData(null, "Bearer ")]
    [InlineData(null, "Basic !!!")]
    [InlineData(null, "Digest x")]
    public void Refuses_MissingOrWrongKeys(string? header, string? authorization) => Assert.False(Keys.Allows(header, authorization));

    [Fact]
    public void Refuses_BasicWithAPasswordOrAnEmptyUser()
    {
        Assert.False(Keys.Allows(null, Basic(Key + ":secret")));
        Assert.False(Keys.Allows(null, Basic(":" + Key)));
    }

    [Fact]
    public void NoKeysConfigured_LetsNobodyIn()
    {
        var none = new WriteKeys([]);

        Assert.False(none.Any);
        Assert.False(none.Allows(Key, null));
    }
}
