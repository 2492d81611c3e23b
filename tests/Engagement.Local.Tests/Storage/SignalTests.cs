using System.Diagnostics;
using Engagement.Local.Storage;

namespace Engagement.Local.Tests.Storage;

/// <summary>The loops' auto-reset wake-up.</summary>
public sealed class SignalTests
{
    [Fact]
    public async Task Set_ManyTimesBeforeAWait_WakesOneWaitOnly()
    {
        var signal = new Signal();
        for (var i = 0; i < 1_000; i++)
        {
            signal.Set();
        }

        var first = Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        first.Stop();
        var second = Stopwatch.StartNew();
        await signal.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        second.Stop();

        Assert.True(first.Elapsed < TimeSpan.FromSeconds(10), "the set signal woke the first wait");
        Assert.True(second.Elapsed >= TimeSpan.FromMilliseconds(150), "the second wait ran to its timeout: one wake-up for all the sets");
    }

    [Fact]
    public async Task Set_FromManyThreadsWhileTheLoopWaits_NeverThrowsAndWakesIt()
    {
        var signal = new Signal();
        var wait = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                signal.Set();
            }
        })));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
