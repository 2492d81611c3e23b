using Engagement.Engine.InMemory;

namespace Engagement.Engine.Tests.InMemory;

/// <summary>The digest set behaves as a set of the keys themselves.</summary>
public sealed class HashedKeySetTests
{
    [Fact]
    public void AddContainsRemove_BehaveAsASetOfTheKeys()
    {
        var set = new HashedKeySet();
        var keys = Enumerable.Range(0, 10_000).Select(i => $"welcome-v1-c{i:D6}-3fa185b52d6237a5/send/{i % 7}").ToList();

        Assert.All(keys, key => Assert.True(set.Add(key)));
        Assert.All(keys, key => Assert.False(set.Add(new string(key.AsSpan()))));
        Assert.Equal(keys.Count, set.Count);
        Assert.True(set.Contains(new string(keys[42].AsSpan())));
        Assert.False(set.Contains("welcome-v1-c999999-3fa185b52d6237a5/send/1"));
        Assert.True(set.Remove(keys[42]));
        Assert.False(set.Contains(keys[42]));
        Assert.False(set.Remove(keys[42]));
    }

    [Fact]
    public void Contains_KeysThatDifferOnlyInTheirLastCharacterOrCase_AreDifferent()
    {
        var set = new HashedKeySet();
        set.Add("e/s/1");

        Assert.False(set.Contains("e/s/2"));
        Assert.False(set.Contains("E/s/1"));
        Assert.False(set.Contains("e/s/1 "));
        Assert.True(set.Contains("e/s/1"));
    }

    [Fact]
    public void DigestOf_IsTheSameInEveryRunAndOnEveryMachine()
    {
        // XXH3-128 with seed 0 over the key's UTF-16 code units (little-endian): a fixed value, so a simulation's duplicate
        // checks answer alike everywhere. A change here changes which keys could ever be taken for each other.
        Assert.Equal(UInt128.Parse("318176705526010822422111187762183526838", System.Globalization.CultureInfo.InvariantCulture), HashedKeySet.DigestOf("welcome-v1-c000042-3fa185b52d6237a5/send/1"));
        Assert.NotEqual(HashedKeySet.DigestOf("e/s/1"), HashedKeySet.DigestOf("e/s/2"));
        Assert.Equal(HashedKeySet.DigestOf("e/s/1"), HashedKeySet.DigestOf(new string("e/s/1".AsSpan())));
    }
}
