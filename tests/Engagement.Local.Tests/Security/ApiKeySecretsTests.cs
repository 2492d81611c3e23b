using Engagement.Local.Security;

namespace Engagement.Local.Tests.Security;

public class ApiKeySecretsTests
{
    [Fact]
    public void New_TwoSecrets_AreDifferentAndLong()
    {
        var (a, b) = (ApiKeySecrets.New(), ApiKeySecrets.New());

        Assert.NotEqual(a, b);
        Assert.StartsWith("ek_", a);
        Assert.True(a.Length >= 40);
    }

    [Fact]
    public void Hash_OfAKnownSecret_IsItsSha256InHex()
    {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecrets.Hash("abc"));
    }

    [Theory]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("sha256:ba7816bf", false)]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("md5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData(null, false)]
    public void TryReadHash_AcceptsOnlyTheStoredForm(string? stored, bool valid) => Assert.Equal(valid, ApiKeySecrets.TryReadHash(stored, out _));

    [Theory]
    [InlineData("crm", true)]
    [InlineData("ops.team-1", true)]
    [InlineData("CRM", false)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    public void IsValidName_AcceptsLowerCaseNames(string name, bool valid) => Assert.Equal(valid, ApiKeySecrets.IsValidName(name));
}
