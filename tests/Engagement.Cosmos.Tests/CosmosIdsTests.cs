namespace Engagement.Cosmos.Tests;

/// <summary>Engine keys as Cosmos ids.</summary>
public sealed class CosmosIdsTests
{
    [Theory]
    [InlineData("enr-1/send/2", "enr-1~1send~12")]
    [InlineData(@"a\b?c#d~e%20", "a~2b~3c~4d~0e~520")]
    [InlineData("plain-id_1.2@x:y", "plain-id_1.2@x:y")]
    public void Encode_ReservedCharacters_AreEscapedReversibly(string key, string id) => Assert.Equal(id, CosmosIds.Encode(key));

    [Fact]
    public void Encode_KeysThatDiffer_NeverShareAnId()
    {
        string[] keys = ["a/b", "a~1b", "a~b", "a~0b", "a/~b", "a~/b"];
        Assert.Equal(keys.Length, keys.Select(CosmosIds.Encode).Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys.Select(CosmosIds.Encode), id => Assert.DoesNotContain('/', id));
    }

    [Fact]
    public void Encode_AVeryLongKey_StaysWithinTheLimitAndDistinct()
    {
        var a = new string('x', 300) + "/a";
        var b = new string('x', 300) + "/b";
        Assert.Equal(CosmosIds.MaxLength, CosmosIds.Encode(a).Length);
        Assert.NotEqual(CosmosIds.Encode(a), CosmosIds.Encode(b));
        Assert.Equal(CosmosIds.Encode(a), CosmosIds.Encode(a));
    }
}
