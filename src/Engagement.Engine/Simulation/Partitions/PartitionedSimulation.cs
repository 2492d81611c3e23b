using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Events;
using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Tasks;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// A simulation split by customer: the input is split once (<see cref="PartitionedInput"/>), each partition is simulated on its
/// own (<see cref="SimulationRun"/>), <see cref="SimulationOptions.Parallelism"/> at a time, and the results are put together:
/// the summary's counters added up, the timelines merged in time order (<see cref="TimelineMerge"/>; at one instant partition 0's
/// entries first, so ties between customers of different partitions may be ordered otherwise than in one run over everyone;
/// every entry is the same), messages by partition, tasks by creation time. Customers do not affect one another (caps, consent,
/// re-entry and holdout are per customer; an emitted event goes to its own customer), so each customer's entries are the ones a
/// run over everyone gives, and the result does not depend on the parallelism. Memory is what the partitions running at the
/// same time hold, plus the split's map of event ids (16 bytes and a customer hash per event, gone before the partitions run).
/// </summary>
internal static class PartitionedSimulation
{
    /// <summary>Runs <paramref name="options"/>' partitions; null when the accepted events are not in time order (the caller then
    /// runs one simulation, which sorts them in memory).</summary>
    public static async Task<SimulationResult?> TryRunAsync(
        JourneyCatalog catalog, Func<EnginePorts, InMemoryStores, IDelivery>? delivery, IEnumerable<string> profileLines, IEnumerable<string> eventLines,
        SimulationOptions options, CancellationToken cancellationToken)
    {
        var count = options.Partitions;
        var progress = options.Progress;
        using var input = PartitionedInput.Split(
            profileLines, eventLines, count, options.Window ?? EventTimeWindow.DefaultStreamed,
            progress is null ? null : lines => progress.Report(new SimulationProgress(0, 0, default) { Partitions = count, LinesSplit = lines }),
            cancellationToken);
        if (input is null)
        {
            return null;
        }

        var start = input.First ?? Instant.FromUnixTimeSeconds(0);
        var until = options.Until ?? SimulationOptions.HorizonAfter(input.Last ?? start);
        // Lines are formatted on the partitions' threads when the sink takes them so; entries are kept otherwise.
        var formatted = options.Timeline is IFormattedTimelineSink;
        var spools = options.DiscardsTimeline ? null : Enumerable.Range(0, count).Select(p => new TimelineSpool(input.TimelinePath(p), formatted, options.CompressSpools)).ToArray();
        var tracker = new ProgressTracker(input, progress);
        var parts = new PartResult[count];

        // Each partition's counters are added as it finishes (the order does not matter: sums and minimums), so the customer ids
        // a partition counted per journey version are not kept until the end.
        var summary = new SummaryCounter();
        var summaryLock = new Lock();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (p, ct) =>
            {
                var spool = spools?[p];
                var run = new SimulationRun(catalog, delivery, options.Render, (ITimelineSink?)spool ?? DiscardingTimelineSink.Instance);
                foreach (var line in input.Profiles(p))
                {
                    await run.AddProfileAsync(ProfileParser.TryParse(line, out var profile, out _, out _)
                        ? profile!
                        : throw new InvalidOperationException("A checked profile line no longer parses: the partition file changed while the run read it."), ct).ConfigureAwait(false);
                }

                foreach (var id in input.ProcessedBefore(p))
                {
                    await run.MarkProcessedAsync(id, ct).ConfigureAwait(false);
                }

                if (p == 0)
                {
                    await run.RecordRejectionsAsync(input.Rejections, start, ct).ConfigureAwait(false);
                }

                using (var events = input.Events(p))
                {
                    await run.RunAsync(events, until, start, value => tracker.Report(p, value), ct).ConfigureAwait(false);
                }

                if (spool is not null)
                {
                    spool.NeedsSorting = !run.Feed.InOrder;
                    spool.Dispose();
                }

                lock (summaryLock)
                {
                    summary.Add(run.Feed.Summary);
                }

                parts[p] = new PartResult(run.Processed, run.Messages, run.MessageCount, run.Tasks);
                tracker.Done(p);
            }).ConfigureAwait(false);

            IReadOnlyList<Timeline.TimelineEntry> timeline = [];
            if (spools is not null && options.Timeline is null)
            {
                timeline = await TimelineMerge.ToListAsync(spools, cancellationToken).ConfigureAwait(false);
            }
            else if (spools is not null)
            {
                // The merge writes the whole timeline after the partitions: 6 s for the 15 million entries of 100,000 customers.
                var processed = parts.Sum(r => r.Processed);
                await TimelineMerge.IntoAsync(spools, options.Timeline!, cancellationToken, progress is null ? null : merged =>
                    progress.Report(new SimulationProgress(processed, 0, until)
                    {
                        Partitions = count, PartitionsDone = count, EntriesMerged = merged, EntriesToMerge = summary.Entries,
                    })).ConfigureAwait(false);
            }

            return new SimulationResult(
                timeline,
                parts.SelectMany(r => r.Messages).ToList(),
                parts.Sum(r => r.MessageCount),
                parts.SelectMany(r => r.Tasks).OrderBy(t => t.CreatedAt).ToList(),
                summary.Build(),
                parts.Sum(r => r.Processed))
            {
                TimelineCount = summary.Entries,
                Partitions = count,
            };
        }
        finally
        {
            foreach (var spool in spools ?? [])
            {
                spool.Dispose();
            }
        }
    }

    private sealed record PartResult(long Processed, IReadOnlyList<OutboundMessage> Messages, int MessageCount, IReadOnlyList<HumanTask> Tasks);

    /// <summary>Adds up the partitions' progress (from their threads) and reports it, one report at a time.</summary>
    private sealed class ProgressTracker
    {
        private readonly IProgress<SimulationProgress>? _progress;
        private readonly SimulationProgress?[] _latest;
        private readonly bool[] _done;
        private readonly int[] _events;
        private readonly Lock _lock = new();
        private int _finished;

        public ProgressTracker(PartitionedInput input, IProgress<SimulationProgress>? progress)
        {
            _progress = progress;
            _latest = new SimulationProgress?[input.Count];
            _done = new bool[input.Count];
            _events = Enumerable.Range(0, input.Count).Select(input.EventCount).ToArray();
        }

        public void Report(int partition, SimulationProgress value)
        {
            lock (_lock)
            {
                _latest[partition] = value;
                Publish(value.Now);
            }
        }

        public void Done(int partition)
        {
            lock (_lock)
            {
                _done[partition] = true;
                _finished++;
                Publish(_latest[partition]?.Now ?? default);
            }
        }

        private void Publish(Instant fallback)
        {
            if (_progress is null)
            {
                return;
            }

            long processed = 0;
            long pending = 0;
            Instant? earliest = null;
            for (var p = 0; p < _latest.Length; p++)
            {
                if (_latest[p] is not { } latest)
                {
                    pending += _events[p];
                    continue;
                }

                processed += latest.Processed;
                pending += latest.Pending;
                if (!_done[p] && (earliest is null || latest.Now < earliest))
                {
                    earliest = latest.Now;
                }
            }

            _progress.Report(new SimulationProgress(processed, (int)Math.Min(int.MaxValue, pending), earliest ?? fallback)
            {
                Partitions = _latest.Length,
                PartitionsDone = _finished,
            });
        }
    }
}
