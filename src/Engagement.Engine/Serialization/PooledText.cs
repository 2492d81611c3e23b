using System.Buffers;

namespace Engagement.Engine.Serialization;

/// <summary>
/// Text in a pooled buffer: a stored record's JSON (<see cref="EngineJson.SerializePooled"/>), or its sealed form, on its way
/// into a database column without a string of it. Used once: whoever consumes the text (the SQLite host's statements, after
/// binding it) calls <see cref="Release"/>, which clears the buffer (records hold contact details) and returns it to the pool.
/// Not thread-safe.
/// </summary>
/// <remarks>
/// The pool is this type's own, not <see cref="ArrayPool{T}.Shared"/>: an ingest request seals its 500 events on its own
/// thread and the processor releases them on another, a group later, so thousands are out at once; the shared pool keeps a
/// few dozen a size per core and allocated most of them anew (2–2.5% of the bytes <c>engage serve</c> allocated). This one
/// keeps up to <see cref="BuffersPerSize"/> a size, for texts up to <see cref="MaxPooledLength"/> characters; longer ones
/// are allocated and dropped.
/// </remarks>
public sealed class PooledText
{
    /// <summary>The longest buffer kept for reuse, in characters.</summary>
    public const int MaxPooledLength = 64 * 1024;

    /// <summary>How many buffers of one size are kept for reuse.</summary>
    public const int BuffersPerSize = 4096;

    private static readonly ArrayPool<char> Pool = ArrayPool<char>.Create(MaxPooledLength, BuffersPerSize);

    private char[]? _buffer;
    private int _length;

    private PooledText(char[] buffer) => _buffer = buffer;

    /// <summary>Writes the text made from <paramref name="source"/> into <paramref name="destination"/> (which holds at least the
    /// capacity asked for) and answers its length.</summary>
    /// <typeparam name="TState">What the rewrite needs besides the text (a key, say), passed without a closure.</typeparam>
    public delegate int Rewriter<in TState>(TState state, ReadOnlySpan<char> source, Span<char> destination);

    /// <summary>An empty text whose <see cref="Writable"/> span holds at least <paramref name="capacity"/> characters.</summary>
    public static PooledText Rent(int capacity) => new(Pool.Rent(Math.Max(1, capacity)));

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

    /// <summary>
    /// Replaces the text, in place, with what <paramref name="rewrite"/> makes of it in a buffer of at least
    /// <paramref name="capacity"/> characters (its sealed form, say); the old buffer is cleared and returned. When the rewrite
    /// throws, the text is left as it was.
    /// </summary>
    public void Rewrite<TState>(int capacity, TState state, Rewriter<TState> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var old = Buffer;
        var next = Pool.Rent(Math.Max(1, capacity));
        int length;
        try
        {
            length = rewrite(state, old.AsSpan(0, _length), next);
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, next.Length);
        }
        catch
        {
            Return(next);
            throw;
        }

        _buffer = next;
        _length = length;
        Return(old);
    }

    /// <summary>Clears the buffer and returns it to the pool; the text cannot be read afterwards. Calling it again does nothing.</summary>
    public void Release()
    {
        if (_buffer is null)
        {
            return;
        }

        Return(_buffer);
        _buffer = null;
        _length = 0;
    }

    /// <summary>The text as a string (tests and diagnostics; the point of this type is not to make one).</summary>
    public override string ToString() => new(Span);

    private static void Return(char[] buffer)
    {
        buffer.AsSpan().Clear();
        Pool.Return(buffer);
    }

    private char[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledText), "the text was released (it is used once)");
}
