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
}
