using System.Diagnostics;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Sustained ingest: <c>clients</c> concurrent loops POST NDJSON batches of <c>batch</c> events as fast as the server answers
/// 202 (each 202 means the batch is durably committed), <c>total</c> events in all; then waits until every event is processed.
/// </summary>
internal static class SustainedIngest
{
    /// <summary>What one sustained run measured. Immutable.</summary>
    public sealed record Result(int Events, int Batch, int Clients, double AcceptSeconds, double ProcessedSeconds, double P50RequestMs, double P99RequestMs, bool AllProcessed);

    /// <summary>Runs it; <paramref name="run"/> prefixes event and customer ids. <paramref name="untilHandedOver"/>: "processed"
    /// also waits until no outbox row is pending (every message handed to its transport, e.g. SMTP).</summary>
    public static async Task<Result> RunAsync(EngageClient client, string run, int total, int batch, int clients, long processedBefore, CancellationToken ct, bool untilHandedOver = false)
    {
        var batches = (total + batch - 1) / batch;
        var next = -1;
        var requestMs = new double[batches];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var first = b * batch;
                var now = DateTime.UtcNow;
                var lines = Enumerable.Range(first, Math.Min(batch, total - first)).Select(i => BenchEvents.Line(run, i, now)).ToList();
                var sent = Stopwatch.GetTimestamp();
                var accepted = await client.PostAsync(lines, ct);
                requestMs[b] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (accepted != lines.Count)
                {
                    throw new InvalidOperationException($"batch {b}: {accepted} of {lines.Count} accepted");
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var accept = clock.Elapsed;
        var processed = await WaitProcessedAsync(client, processedBefore + total, TimeSpan.FromMinutes(10), ct, untilHandedOver);
        Array.Sort(requestMs);
        return new Result(total, batch, clients, accept.TotalSeconds, clock.Elapsed.TotalSeconds,
            Percentiles.Of(requestMs, 50), Percentiles.Of(requestMs, 99), processed);
    }

    /// <summary>Polls <c>GET /status</c> every 50 ms until <c>processedEvents</c> reaches <paramref name="target"/> and nothing is
    /// pending (with <paramref name="untilHandedOver"/>, no outbox row either).</summary>
    public static async Task<bool> WaitProcessedAsync(EngageClient client, long target, TimeSpan timeout, CancellationToken ct, bool untilHandedOver = false)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await ProcessedAsync(client, ct, untilHandedOver) >= target)
            {
                return true;
            }

            await Task.Delay(50, ct);
        }

        return false;
    }

    /// <summary>The server's <c>processedEvents</c> when nothing is pending (with <paramref name="untilHandedOver"/>, no outbox
    /// row either), else -1.</summary>
    public static async Task<long> ProcessedAsync(EngageClient client, CancellationToken ct, bool untilHandedOver = false)
    {
        using var status = await client.StatusAsync(ct);
        var root = status.RootElement;
        var idle = root.GetProperty("pendingEvents").GetInt64() == 0 && (!untilHandedOver || root.GetProperty("outboxPending").GetInt64() == 0);
        return idle ? root.GetProperty("processedEvents").GetInt64() : -1;
    }
}
