using Engagement.Engine.Serialization;

namespace Engagement.Engine.Tests.Serialization;

/// <summary>Text in a rented buffer: read until released, released once.</summary>
public sealed class PooledTextTests
{
    [Fact]
    public void Copy_HoldsTheTextUntilReleased()
    {
        var text = PooledText.Copy("ann.lee@example.com ✓");

        Assert.Equal("ann.lee@example.com ✓", text.ToString());
        Assert.Equal(21, text.Span.Length);

        text.Release();
        text.Release();

        Assert.Throws<ObjectDisposedException>(() => text.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => text.Writable.Length);
    }

    [Fact]
    public void Rent_WrittenThenSetLength_HoldsWhatWasWritten()
    {
        var text = PooledText.Rent(5);
        "hello".AsSpan().CopyTo(text.Writable);

        text.SetLength(5);

        Assert.True(text.Writable.Length >= 5);
        Assert.Equal("hello", text.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => text.SetLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => text.SetLength(text.Writable.Length + 1));
        text.Release();
    }

    [Fact]
    public void Copy_Empty_IsEmpty()
    {
        var text = PooledText.Copy(string.Empty);

        Assert.Equal(string.Empty, text.ToString());
        text.Release();
    }

    [Fact]
    public void Rewrite_ReplacesTheTextWithWhatTheRewriterWrote()
    {
        var text = PooledText.Copy("ann.lee@example.com");

        text.Rewrite(40, "sealed:", static (prefix, source, destination) =>
        {
            prefix.AsSpan().CopyTo(destination);
            source.CopyTo(destination[prefix.Length..]);
            return prefix.Length + source.Length;
        });

        Assert.Equal("sealed:ann.lee@example.com", text.ToString());
        Assert.True(text.Writable.Length >= 40);
        text.Release();
        Assert.Throws<ObjectDisposedException>(() => text.Span.Length);
    }

    [Fact]
    public void Rewrite_RewriterThrows_LeavesTheTextAsItWas()
    {
        var text = PooledText.Copy("kept");

        Assert.Throws<InvalidOperationException>(() => text.Rewrite<int>(8, 0, static (_, _, _) => throw new InvalidOperationException("no key")));

        Assert.Equal("kept", text.ToString());
        text.Release();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Rewrite_LengthOutsideTheBuffer_IsRefusedAndLeavesTheText(int length)
    {
        var text = PooledText.Copy("kept");

        Assert.Throws<ArgumentOutOfRangeException>(() => text.Rewrite(8, length, static (n, _, _) => n));

        Assert.Equal("kept", text.ToString());
        text.Release();
    }

    [Fact]
    public void Release_ThenRentAgain_GivesACleanBuffer()
    {
        var first = PooledText.Copy(new string('x', 300));
        first.Release();

        var second = PooledText.Rent(300);

        Assert.DoesNotContain('x', second.Writable.ToArray());
        second.Release();
    }

    [Fact]
    public void Copy_LongerThanThePooledBuffers_HoldsAndReleasesTheText()
    {
        var longText = new string('a', PooledText.MaxPooledLength + 1);

        var text = PooledText.Copy(longText);

        Assert.Equal(longText, text.ToString());
        text.Release();
    }

    [Fact]
    public async Task Copy_ManyOutAtOnceThenReleasedOnAnotherThread_AllHoldTheirText()
    {
        var texts = Enumerable.Range(0, PooledText.BuffersPerSize + 10).Select(i => PooledText.Copy("event " + i)).ToList();

        await Task.Run(() =>
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.Equal("event " + i, texts[i].ToString());
                texts[i].Release();
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(texts, t => Assert.Throws<ObjectDisposedException>(() => t.Span.Length));
    }
}
