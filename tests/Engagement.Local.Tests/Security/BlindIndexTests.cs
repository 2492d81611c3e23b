using Engagement.Local.Security;

namespace Engagement.Local.Tests.Security;

/// <summary>The contact blind index: normalised, keyed, and different per kind.</summary>
public sealed class BlindIndexTests
{
    private static readonly byte[] KeyA = Enumerable.Repeat((byte)1, 32).ToArray();
    private static readonly byte[] KeyB = Enumerable.Repeat((byte)2, 32).ToArray();

    [Fact]
    public void Hash_SameContactWrittenDifferently_IsTheSame()
    {
        var index = new BlindIndex(KeyA);

        Assert.Equal(index.Hash("email", "ann@example.com"), index.Hash("email", "  Ann@Example.COM "));
        Assert.Equal(index.Hash("phone", "+86 138-0000-0001"), index.Hash("phone", "+8613800000001"));
        Assert.NotEqual(index.Hash("phone", "+8613800000001"), index.Hash("phone", "8613800000001"));
    }

    [Fact]
    public void Hash_IsKeyedAndHoldsNoneOfTheContact()
    {
        var hash = new BlindIndex(KeyA).Hash("email", "ann@example.com")!;

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, new BlindIndex(KeyB).Hash("email", "ann@example.com"));
        Assert.NotEqual(new BlindIndex(KeyA).Hash("email", "13800000001"), new BlindIndex(KeyA).Hash("phone", "13800000001"));
        Assert.Null(new BlindIndex(KeyA).Hash("email", "  "));
    }
}
