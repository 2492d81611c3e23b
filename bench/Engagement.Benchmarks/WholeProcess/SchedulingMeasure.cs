using System.Diagnostics;
using System.Text.Json;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// The measured part of one system's child process, shared by <see cref="SchedulingChild"/> and the separate
/// <c>Engagement.Benchmarks.HangfireSqlite</c> child (which links this file): starts the system, schedules
/// <c>--customers</c> messages in batches of 1,000, each due <c>--delay</c> seconds after its scheduling call, waits until
/// all fired (at most <c>--timeout</c> seconds from the first schedule call, which also stops scheduling: a system too slow
/// to schedule them all in that time reports how many it scheduled) and prints a <see cref="SchedulingResult"/> as the last line.
/// </summary>
internal static class SchedulingMeasure
{
    /// <summary>Runs <paramref name="sut"/> (not yet started) and disposes it; 0 when all messages fired.</summary>
    public static async Task<int> RunAsync(string system, ISchedulingSystem sut, int customers, BenchArgs args)
    {
        var delay = TimeSpan.FromSeconds(args.Number("delay", 2));
        var timeout = TimeSpan.FromSeconds(args.Number("timeout", 600));
        using var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(60));
        await using var disposing = sut;
        await sut.StartAsync(cts.Token);

        var load = MachineNotes.LoadAverage();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        const int batch = 1_000;
        var scheduledCount = 0;
        while (scheduledCount < customers && clock.Elapsed < timeout)
        {
            var count = Math.Min(batch, customers - scheduledCount);
            await sut.ScheduleAsync(scheduledCount, count, delay, cts.Token);
            scheduledCount += count;
        }

        var scheduled = clock.Elapsed;
        DateTime? firstSeen = null;
        while (sut.Fired < customers && clock.Elapsed < timeout)
        {
            await Task.Delay(10, cts.Token);
            if (firstSeen is null && sut.Fired > 0)
            {
                firstSeen = DateTime.UtcNow;
            }
        }

        var allFired = sut.Fired >= customers ? clock.Elapsed : (TimeSpan?)null;
        var end = DateTime.UtcNow;
        var cpu = process.TotalProcessorTime - cpu0;
        var allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
        process.Refresh();
        var recorder = sut.Recorder;
        var firstFire = recorder?.First ?? firstSeen;
        var lastFire = recorder?.Last ?? end;
        var result = new SchedulingResult(
            system, sut.Setup, customers, delay.TotalSeconds, scheduled.TotalSeconds, allFired?.TotalSeconds,
            firstFire is { } f ? (lastFire - f).TotalSeconds : null, sut.Fired,
            recorder?.LatenessPercentile(50), recorder?.LatenessPercentile(99), recorder?.LatenessPercentile(100),
            allocated, process.PeakWorkingSet64, cpu.TotalSeconds, load, scheduledCount);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return allFired is null ? 1 : 0;
    }
}
