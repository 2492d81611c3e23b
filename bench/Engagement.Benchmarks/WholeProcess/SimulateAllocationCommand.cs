using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engagement.Engine.Catalog;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// <c>simulate-alloc --journeys DIR --profiles FILE --events FILE [--top 15] [--out FILE.md]</c>: runs a simulation in this
/// process as <c>engage simulate</c> does (the timeline formatted line by line, not written) and reports what it allocated:
/// bytes in all and per stimulus (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), collections per generation, and the types
/// the bytes went to (<see cref="AllocationByType"/>). The allocation side of the scale work (docs/benchmarks.md).
/// </summary>
internal static class SimulateAllocationCommand
{
    /// <summary>Runs it; 1 when the journeys do not load.</summary>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var catalog = JourneyCatalog.Load(args.Get("journeys", "journeys"), out var diagnostics);
        if (diagnostics.Count > 0)
        {
            await Console.Error.WriteLineAsync("simulate-alloc: the journeys do not load: " + string.Join("; ", diagnostics));
            return 1;
        }

        var top = args.Int("top", 15);
        using var sampler = new AllocationByType();
        var gcs = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var clock = Stopwatch.StartNew();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await new Simulator(catalog).RunAsync(
            File.ReadLines(args.Get("profiles", "profiles.jsonl")), File.ReadLines(args.Get("events", "events.jsonl")), new SimulationOptions(Timeline: new FormattedLines()));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        clock.Stop();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {MachineNotes.LoadAverage()}");
        report.AppendLine();
        report.AppendLine("| measure | figure |");
        report.AppendLine("|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| stimuli processed / timeline entries | {result.Processed:N0} / {result.TimelineCount:N0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| allocated in all | {allocated / 1e6:N0} MB |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| allocated per stimulus | {allocated / (double)Math.Max(1, result.Processed):N0} B |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| collections gen0 / gen1 / gen2 | {GC.CollectionCount(0) - gcs[0]} / {GC.CollectionCount(1) - gcs[1]} / {GC.CollectionCount(2) - gcs[2]} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| wall (this process, server GC: {System.Runtime.GCSettings.IsServerGC}) | {clock.Elapsed.TotalSeconds:N1} s |");
        report.AppendLine();
        report.AppendLine("| type (sampled) | share of the allocated bytes |");
        report.AppendLine("|---|---:|");
        var sampled = Math.Max(1, sampler.Total);
        foreach (var (type, bytes) in sampler.Largest(top))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{type}` | {100.0 * bytes / sampled:N1}% |");
        }

        Console.Write(report);
        if (args.Find("out") is { } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
        }

        return 0;
    }

    /// <summary>Formats every entry as <c>engage simulate</c>'s writer does, and drops it.</summary>
    private sealed class FormattedLines : ITimelineSink
    {
        private readonly TimelineLineWriter _lines = new();

        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
        {
            _ = _lines.Format(entry);
            return ValueTask.CompletedTask;
        }
    }
}
