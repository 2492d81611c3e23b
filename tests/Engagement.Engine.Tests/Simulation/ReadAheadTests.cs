using Engagement.Engine.Simulation;

namespace Engagement.Engine.Tests.Simulation;

public sealed class ReadAheadTests
{
    [Fact]
    public void ReadAhead_HandsOverEveryItemInOrder_AcrossBatches()
    {
        using var items = new ReadAhead<int>(Enumerable.Range(0, 10_000), batchSize: 7, capacity: 2);

        var read = new List<int>();
        while (items.MoveNext())
        {
            read.Add(items.Current);
        }

        Assert.Equal(Enumerable.Range(0, 10_000), read);
        Assert.False(items.MoveNext());
    }

    [Fact]
    public void ReadAhead_ASourceThatFails_ThrowsAfterTheItemsBeforeIt()
    {
        using var items = new ReadAhead<int>(FailsAfter(5), batchSize: 2, capacity: 1);

        var read = new List<int>();
        var error = Assert.Throws<IOException>(() =>
        {
            while (items.MoveNext())
            {
                read.Add(items.Current);
            }
        });

        Assert.Equal([0, 1, 2, 3, 4], read);
        Assert.Equal("disk gone", error.Message);
    }

    [Fact]
    public async Task ReadAhead_DisposedBeforeTheEnd_StopsReading()
    {
        var produced = 0;
        var items = new ReadAhead<int>(Endless(() => Interlocked.Increment(ref produced)), batchSize: 4, capacity: 2);
        Assert.True(items.MoveNext());

        // Dispose returns (the endless source is stopped at its next hand-over) and waits for the thread: nothing is read after it.
        await Task.Run(items.Dispose).WaitAsync(TimeSpan.FromSeconds(30));
        var after = Volatile.Read(ref produced);
        items.Dispose();

        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.InRange(after, 1, 4 * (2 + 2));
    }

    private static IEnumerable<int> FailsAfter(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }

        throw new IOException("disk gone");
    }

    private static IEnumerable<int> Endless(Func<int> next)
    {
        while (true)
        {
            yield return next();
        }
    }
}
