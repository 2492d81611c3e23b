using Engagement.Engine.Ports;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// Merges the partitions' spools into one timeline in time order: at each instant the entries of partition 0 first, then those
/// of partition 1, and so on, each partition's in its own order. The result depends only on the spools, not on which
/// partition finished first. Holds one record per partition at a time.
/// </summary>
internal static class TimelineMerge
{
    /// <summary>Entries written between two calls of the <c>written</c> callback of <see cref="IntoAsync"/>.</summary>
    public const int ReportEvery = 1_000_000;

    /// <summary>Passes every entry of <paramref name="spools"/> to <paramref name="sink"/> in merged order: formatted lines, copied,
    /// when the spools hold them and the sink takes them; entries otherwise. <paramref name="written"/> (optional) hears the
    /// number of entries written every <paramref name="every"/> entries and once at the end.</summary>
    public static async Task IntoAsync(
        IReadOnlyList<TimelineSpool> spools, ITimelineSink sink, CancellationToken cancellationToken, Action<long>? written = null, int every = ReportEvery)
    {
        var formatted = sink as IFormattedTimelineSink;
        if (formatted is null && spools.Any(s => s.Formatted))
        {
            throw new InvalidOperationException("A spool of formatted lines can only be merged into a sink that takes formatted lines.");
        }

        var readers = spools.Select(s => s.Read().GetEnumerator()).ToArray();
        try
        {
            var heads = new PriorityQueue<int, (Instant At, int Partition)>(readers.Length);
            for (var p = 0; p < readers.Length; p++)
            {
                if (readers[p].MoveNext())
                {
                    heads.Enqueue(p, (readers[p].Current.At, p));
                }
            }

            var count = 0L;
            while (heads.TryDequeue(out var p, out _))
            {
                var (at, bytes) = readers[p].Current;
                if (spools[p].Formatted)
                {
                    formatted!.WriteFormatted(bytes.Span);
                }
                else
                {
                    await sink.RecordAsync(TimelineSpool.EntryOf(at, bytes.Span), cancellationToken).ConfigureAwait(false);
                }

                if (++count % 100_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (written is not null && count % every == 0)
                {
                    written(count);
                }

                // The partition's next record goes back with its own instant: it may share this one, and then it still comes
                // before the next partitions' records at that instant.
                if (readers[p].MoveNext())
                {
                    heads.Enqueue(p, (readers[p].Current.At, p));
                }
            }

            written?.Invoke(count);
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>The merged entries as a list (a run that keeps its timeline in memory; the spools must hold entries).</summary>
    public static async Task<List<TimelineEntry>> ToListAsync(IReadOnlyList<TimelineSpool> spools, CancellationToken cancellationToken)
    {
        var list = new ListSink();
        await IntoAsync(spools, list, cancellationToken).ConfigureAwait(false);
        return list.Entries;
    }

    private sealed class ListSink : ITimelineSink
    {
        public List<TimelineEntry> Entries { get; } = [];

        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
        {
            Entries.Add(entry);
            return ValueTask.CompletedTask;
        }
    }
}
