using System.Diagnostics;
using System.Globalization;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Latency at a paced rate: a batch of rate/100 events every 10 ms (on an absolute schedule, at most 32 requests in flight) for
/// <c>seconds</c>; the time each batch's 202 arrives is its events' accept time. A poller reads <c>GET /outbox?after=</c>
/// continuously (5 ms pause on an empty page) and records when each customer's message first appears; latency = seen −
/// accepted, so it includes up to one poll of delay.
/// </summary>
internal static class PacedLatency
{
    /// <summary>What one paced run measured. Immutable.</summary>
    public sealed record Result(int Events, double TargetRate, double AchievedRate, int Seen, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

    /// <summary>Runs it; <paramref name="run"/> prefixes event and customer ids; <paramref name="afterSequence"/> is the outbox position
    /// before; <paramref name="seriesFile"/>: also writes, per second of sending, the events sent and their latency p50 / p99 / max.</summary>
    public static async Task<Result> RunAsync(EngageClient client, string run, int rate, int seconds, long afterSequence, CancellationToken ct, string? seriesFile = null)
    {
        const int ticksPerSecond = 100;
        var perTick = Math.Max(1, rate / ticksPerSecond);
        var total = perTick * ticksPerSecond * seconds;
        var accepted = new long[total];
        var seen = new long[total];
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poller = Task.Run(() => PollAsync(client, run, seen, afterSequence, stopPolling.Token), ct);
        using var inFlight = new SemaphoreSlim(32);
        var sends = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var tick = 0; tick * perTick < total; tick++)
        {
            var due = TimeSpan.FromMilliseconds(tick * 1000.0 / ticksPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, ct);
            }

            await inFlight.WaitAsync(ct);
            var first = tick * perTick;
            var now = DateTime.UtcNow;
            var lines = Enumerable.Range(first, perTick).Select(i => BenchEvents.Line(run, i, now)).ToList();
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    await client.PostAsync(lines, ct);
                    var at = Stopwatch.GetTimestamp();
                    for (var i = first; i < first + perTick; i++)
                    {
                        accepted[i] = at;
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }, ct));
        }

        await Task.WhenAll(sends);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var deadline = Stopwatch.StartNew();
        while (seen.Any(s => s == 0) && deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            await Task.Delay(50, ct);
        }

        await stopPolling.CancelAsync();
        try
        {
            await poller;
        }
        catch (OperationCanceledException)
        {
        }

        double LatencyMs(int i) => (seen[i] - accepted[i]) * 1000.0 / Stopwatch.Frequency;
        if (seriesFile is not null)
        {
            var lines = Enumerable.Range(0, total).Where(i => seen[i] != 0).GroupBy(i => i / (perTick * ticksPerSecond)).OrderBy(g => g.Key).Select(g =>
            {
                var l = g.Select(LatencyMs).Order().ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{g.Key,4} s  {l.Count,6} events  p50 {Percentiles.Of(l, 50),7:0.0}  p99 {Percentiles.Of(l, 99),7:0.0}  max {l[^1],7:0.0} ms");
            });
            await File.AppendAllLinesAsync(seriesFile, [$"# {run}: {rate}/s for {seconds} s", .. lines], ct);
        }

        var latencies = Enumerable.Range(0, total).Where(i => seen[i] != 0).Select(LatencyMs).Order().ToList();
        return latencies.Count == 0
            ? new Result(total, rate, total / sendSeconds, 0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Result(total, rate, total / sendSeconds, latencies.Count, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95),
                Percentiles.Of(latencies, 99), latencies[^1]);
    }

    private static async Task PollAsync(EngageClient client, string run, long[] seen, long after, CancellationToken ct)
    {
        var prefix = run + "c";
        while (!ct.IsCancellationRequested)
        {
            var page = await client.OutboxAsync(after, ct);
            var now = Stopwatch.GetTimestamp();
            foreach (var (sequence, customerId) in page)
            {
                after = Math.Max(after, sequence);
                if (customerId.StartsWith(prefix, StringComparison.Ordinal)
                    && int.TryParse(customerId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < seen.Length && seen[i] == 0)
                {
                    seen[i] = now;
                }
            }

            if (page.Count == 0)
            {
                await Task.Delay(5, ct);
            }
        }
    }
}
