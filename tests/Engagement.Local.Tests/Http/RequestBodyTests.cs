using System.Text;
using Engagement.Local.Http;

namespace Engagement.Local.Tests.Http;

/// <summary>Request bodies read into pooled buffers.</summary>
public sealed class RequestBodyTests
{
    [Fact]
    public async Task ReadAsync_BodyArrivingInSmallPiecesBeyondTheExpectedSize_KeepsEveryByteInOrder()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251)).ToArray();

        using var body = await RequestBody.ReadAsync(new TrickleStream(bytes, 997), expected: 100, limit: 1_000_000, () => new InvalidOperationException("too large"), CancellationToken.None);

        Assert.Equal(bytes.Length, body.Length);
        Assert.True(body.Span.SequenceEqual(bytes));
    }

    [Fact]
    public async Task ReadAsync_MoreThanTheLimit_ThrowsTheCallersExceptionAsSoonAsItArrives()
    {
        var stream = new TrickleStream(new byte[10_000], 100);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RequestBody.ReadAsync(stream, expected: 1_001, limit: 1_000, () => new InvalidOperationException("too large"), CancellationToken.None));

        Assert.Equal("too large", error.Message);
        Assert.True(stream.Position <= 1_100, $"stopped reading at {stream.Position} bytes");
    }

    [Fact]
    public async Task ReadAsync_BodyOfExactlyTheLimit_IsRead()
    {
        using var body = await RequestBody.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(new string('x', 1_000)), 64), 1_001, 1_000,
            () => new InvalidOperationException("too large"), CancellationToken.None);

        Assert.Equal(1_000, body.Length);
    }

    [Fact]
    public async Task Dispose_ThenMemory_ThrowsObjectDisposedAndASecondDisposeDoesNothing()
    {
        var body = await RequestBody.ReadAsync(new MemoryStream([1, 2, 3]), 4, 100, () => new InvalidOperationException(), CancellationToken.None);
        Assert.Equal([1, 2, 3], body.Span.ToArray());

        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }

    [Fact]
    public async Task ReadAsync_AfterALargerBodyWasReturnedToThePool_SeesOnlyItsOwnBytes()
    {
        using (var first = await RequestBody.ReadAsync(new MemoryStream(Enumerable.Repeat((byte)'a', 200_000).ToArray()), 200_001, 1_000_000,
            () => new InvalidOperationException(), CancellationToken.None))
        {
            Assert.Equal(200_000, first.Length);
        }

        using var second = await RequestBody.ReadAsync(new MemoryStream("{}"u8.ToArray()), 200_001, 1_000_000, () => new InvalidOperationException(), CancellationToken.None);

        Assert.Equal("{}", Encoding.UTF8.GetString(second.Span));
    }

    /// <summary>A read-only stream that hands out at most <paramref name="piece"/> bytes a read.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
