using System.Buffers;

namespace Engagement.Engine.Serialization;

/// <summary>
/// Text in a buffer rented from <see cref="ArrayPool{T}.Shared"/>: a stored record's JSON (<see cref="EngineJson.SerializePooled"/>),
/// or its sealed form, on its way into a database column without a string of it. Used once: whoever consumes the text
/// (the SQLite host's statements, after binding it) calls <see cref="Release"/>, which clears the buffer (records hold contact
/// details) and returns it to the pool. Not thread-safe.
/// </summary>
public sealed class PooledText
{
    private char[]? _buffer;
    private int _length;

    private PooledText(char[] buffer) => _buffer = buffer;

    /// <summary>An empty text whose <see cref="Writable"/> span holds at least <paramref name="capacity"/> characters.</summary>
    public static PooledText Rent(int capacity) => new(ArrayPool<char>.Shared.Rent(Math.Max(1, capacity)));

    /// <summary>A copy of <paramref name="text"/>.</summary>
    public static PooledText Copy(ReadOnlySpan<char> text)
    {
        var pooled = Rent(text.Length);
        text.CopyTo(pooled._buffer);
        pooled._length = text.Length;
        return pooled;
    }

    /// <summary>The text.</summary>
    public ReadOnlySpan<char> Span => Buffer.AsSpan(0, _length);

    /// <summary>The whole buffer, to write the text into (then <see cref="SetLength"/>).</summary>
    public Span<char> Writable => Buffer;

    /// <summary>Sets how many characters of <see cref="Writable"/> are the text.</summary>
    public void SetLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Buffer.Length);
        _length = length;
    }

    /// <summary>Clears the buffer and returns it to the pool; the text cannot be read afterwards. Calling it again does nothing.</summary>
    public void Release()
    {
        if (_buffer is null)
        {
            return;
        }

        _buffer.AsSpan().Clear();
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = null;
        _length = 0;
    }

    /// <summary>The text as a string (tests and diagnostics; the point of this type is not to make one).</summary>
    public override string ToString() => new(Span);

    private char[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledText), "the text was released (it is used once)");
}
