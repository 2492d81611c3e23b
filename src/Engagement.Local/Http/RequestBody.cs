using System.Buffers;

namespace Engagement.Local.Http;

/// <summary>
/// A request body read into a buffer rented from <see cref="ArrayPool{T}.Shared"/>: a batch of 500 events is about 150 KB, and
/// a fresh array of that size each request lands on the large object heap, whose budget then forces a full (gen2) collection
/// every few requests. Dispose once the body is no longer read — nothing made from it may keep <see cref="Memory"/>; the buffer
/// is cleared when returned (bodies hold contact details).
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The number of bytes read.</summary>
    public int Length { get; }

    /// <summary>The bytes read; only until disposed.</summary>
    public ReadOnlyMemory<byte> Memory => new(_buffer ?? throw new ObjectDisposedException(nameof(RequestBody)), 0, Length);

    /// <summary>The bytes read; only until disposed.</summary>
    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>Reads <paramref name="body"/> to its end; <paramref name="expected"/> sizes the first buffer;
    /// <paramref name="tooLarge"/> is thrown as soon as more than <paramref name="limit"/> bytes arrived.</summary>
    public static async Task<RequestBody> ReadAsync(Stream body, int expected, long limit, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expected, 4 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Math.Max(limit + 1, buffer.Length + 1L)));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var result = new RequestBody(buffer, length);
                    buffer = null;
                    return result;
                }

                length += read;
                if (length > limit)
                {
                    throw tooLarge();
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    /// <summary>Clears the buffer and returns it to the pool; a second call does nothing.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
