using Engagement.Protection;

namespace Engagement.Protection.Tests;

/// <summary>Nonces taken from blocks of random bytes: never repeated, across refills and threads.</summary>
public sealed class NonceSourceTests
{
    [Fact]
    public void Fill_ManyBlocksWorth_NeverHandsOutTheSameNonceTwice()
    {
        var source = new NonceSource();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nonce = new byte[12];

        // 3,000 nonces of 12 bytes span nine 4 KiB blocks, including nonces that would straddle a block's end.
        for (var i = 0; i < 3_000; i++)
        {
            source.Fill(nonce);
            Assert.True(seen.Add(Convert.ToHexString(nonce)), $"nonce {i} repeated an earlier one");
        }
    }

    [Fact]
    public void Fill_FromSeveralThreads_EveryNonceIsDistinct()
    {
        var source = new NonceSource();
        var all = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 8, _ =>
        {
            var nonce = new byte[12];
            for (var i = 0; i < 1_000; i++)
            {
                source.Fill(nonce);
                all.Add(Convert.ToHexString(nonce));
            }
        });

        Assert.Equal(8_000, all.Count);
        Assert.Equal(8_000, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Fill_IsNotAllZeros_AndDiffersBetweenSources()
    {
        var a = new byte[12];
        var b = new byte[12];

        new NonceSource().Fill(a);
        new NonceSource().Fill(b);

        Assert.Contains(a, x => x != 0);
        Assert.NotEqual(Convert.ToHexString(a), Convert.ToHexString(b));
    }
}
