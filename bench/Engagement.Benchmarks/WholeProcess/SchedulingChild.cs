using System.Diagnostics;
using System.Text.Json;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// One system of the delayed-send benchmark, in its own process so that memory figures are separate: starts the system,
/// schedules <c>--customers</c> messages in batches of 1,000, each due <c>--delay</c> seconds after its scheduling call,
/// waits until all fired (at most <c>--timeout</c> seconds) and prints a <see cref="SchedulingResult"/> as the last line.
/// </summary>
internal static class SchedulingChild
{
    /// <summary>The hidden verb the orchestrator starts children with.</summary>
    public const string Verb = "scheduling-child";

    /// <summary>Runs one system; 0 when all messages fired.</summary>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var system = args.Get("system", "engine");
        var customers = args.Int("customers", 100_000);
        var delay = TimeSpan.FromSeconds(args.Number("delay", 2));
        var timeout = TimeSpan.FromSeconds(args.Number("timeout", 600));
        using var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(60));
        await using var sut = Create(system, customers, args);
        await sut.StartAsync(cts.Token);

        var load = MachineNotes.LoadAverage();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        const int batch = 1_000;
        for (var first = 0; first < customers; first += batch)
        {
            await sut.ScheduleAsync(first, Math.Min(batch, customers - first), delay, cts.Token);
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
            allocated, process.PeakWorkingSet64, cpu.TotalSeconds, load);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return allFired is null ? 1 : 0;
    }

    private static ISchedulingSystem Create(string system, int customers, BenchArgs args) => system switch
    {
        "hangfire" => new HangfireScheduling(customers, args.Int("workers", 0), args.Number("poll", 1)),
        "quartz" => new QuartzScheduling(customers, args.Int("threads", 10), args.Int("batch", 1)),
        "engine" => new EngineScheduling(customers),
        "engagement" => new EmbeddedHostScheduling(customers, args.Find("db")),
        _ => throw new ArgumentException($"unknown system '{system}': hangfire, quartz, engine or engagement"),
    };
}
