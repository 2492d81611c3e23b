using System.CommandLine;
using System.Text;
using Engagement.Engine.Catalog;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using NodaTime;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage simulate</c>: runs journeys in virtual time over profiles and events, writes the timeline as JSON Lines and prints a summary.</summary>
internal static class SimulateCommand
{
    private static readonly string DefaultEvents = Path.Combine("samples", "events.jsonl");
    private static readonly string DefaultProfiles = Path.Combine("samples", "profiles.jsonl");

    /// <summary>Builds <c>engage simulate</c> with its options and action: run journeys in virtual time and report what happened. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var journeys = new Option<string>("--journeys") { Description = "Journey directory", DefaultValueFactory = _ => "journeys" };
        var events = new Option<FileInfo?>("--events") { Description = $"Events, one JSON object per line (default: {DefaultEvents})" };
        var profiles = new Option<FileInfo?>("--profiles") { Description = $"Profiles, one JSON object per line (default without --events: {DefaultProfiles} when it exists)" };
        var until = new Option<string?>("--until") { Description = "Stop at this instant (ISO-8601 UTC); default: when nothing is pending, at most one year after the last event" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the timeline here (JSON Lines; gzip-compressed when the name ends in .gz)" };
        var format = new Option<string?>("--timeline") { Description = "How --out is written: jsonl, gzip or none (summary and report from counters); default: by the file name" };
        format.AcceptOnlyFromAmong([.. TimelineOutput.Formats]);
        var render = new Option<bool>("--render") { Description = "Render every message with its Liquid template (slower); by default only the template and locale are resolved" };
        var report = new Option<string?>("--report") { Description = "Also write the report (engage report) here at the end: .html, .json or .csv" };
        var partitions = new Option<string?>("--partitions")
        {
            Description = $"Simulate the customers in this many partitions, one per processor at a time (less memory; at one instant, entries of different partitions come partition by partition); 'auto' (default): one per {PartitionPlan.CustomersPerPartition:N0} profiles, at most {PartitionPlan.MostAuto}",
        };
        var window = new EventWindowOptions();
        var command = new Command("simulate", "Run journeys in virtual time and report what happened") { journeys, events, profiles, until, output, format, render, report, partitions };
        foreach (var option in window.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var stop = CommandInputs.ParseUntil(parse.GetValue(until));

            if (CommandInputs.LoadCatalog(parse.GetValue(journeys)!) is not { } catalog)
            {
                return 1;
            }

            var eventFile = parse.GetValue(events) ?? new FileInfo(DefaultEvents);
            var profileFile = parse.GetValue(profiles) ?? (parse.GetValue(events) is null && File.Exists(DefaultProfiles) ? new FileInfo(DefaultProfiles) : null);
            CommandInputs.RequireFile(eventFile.FullName, "--events");
            if (profileFile is not null)
            {
                CommandInputs.RequireFile(profileFile.FullName, "--profiles");
            }

            // No background collections: they slow simulate down. Relaunched under the server GC they are off already
            // (Runtime/GcRelaunch.cs); where it is not relaunched (Windows, DOTNET_gcServer set) the tool's default has them.
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            var outFile = parse.GetValue(output);
            await using var timeline = outFile is null ? null : TimelineOutput.Create(outFile.FullName, parse.GetValue(format));
            var reportPath = parse.GetValue(report);

            // Without a file to read back, a report needs the entries kept in memory.
            var keep = timeline is null && reportPath is not null;
            var options = new SimulationOptions(
                stop, Render: parse.GetValue(render), Window: window.Read(parse, streamed: true),
                Timeline: keep ? null : (Engagement.Engine.Ports.ITimelineSink?)timeline ?? Engagement.Engine.Ports.DiscardingTimelineSink.Instance,
                Partitions: PartitionPlan.Choose(parse.GetValue(partitions), profileFile));
            var result = await RunWithProgressAsync(new Simulator(catalog), profileFile, eventFile, options, ct);
            if (options.Partitions > 1 && result.Partitions == 1)
            {
                Console.Error.WriteLine($"simulate: the events are not in time order, so the customers were simulated in one run (it sorts the events in memory), not in {options.Partitions} partitions");
            }

            if (timeline is not null)
            {
                await timeline.DisposeAsync();
                if (!result.TimelineInOrder)
                {
                    await timeline.SortAsync();
                }
            }

            SummaryTable.Write(result, timeline?.Path);
            if (reportPath is not null)
            {
                var entries = timeline is null ? result.Timeline : timeline.ReadBack();
                var document = ReportInputs.FromTimeline(catalog, entries, outFile?.Name ?? "simulation", Reports.Facts.ReportPeriod.All, eventFile, profileFile);
                ReportOutput.Write(document, ReportOutput.FormatFor(null, reportPath)!, reportPath);
            }

            return 0;
        });
        return command;
    }

    private static async Task<SimulationResult> RunWithProgressAsync(Simulator simulator, FileInfo? profiles, FileInfo events, SimulationOptions options, CancellationToken ct)
    {
        var profileLines = profiles is null ? [] : Engine.Events.InputLines.Read(() => File.OpenRead(profiles.FullName));
        var eventLines = Engine.Events.InputLines.Read(() => File.OpenRead(events.FullName));
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Reported on the reporting thread, in order (a Progress<T> would post each report to the thread pool, where the
            // reports of a partitioned run's threads could pass one another).
            return await simulator.RunAsync(profileLines, eventLines, options with { Progress = new SyncProgress(p => Console.Error.WriteLine(Describe(p))) }, ct);
        }

        SimulationResult? result = null;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("simulating", maxValue: 1);
            var progress = new SyncProgress(p =>
            {
                task.MaxValue = Math.Max(1, p.EntriesToMerge > 0 ? p.EntriesToMerge : p.Processed + p.Pending);
                task.Value = p.EntriesToMerge > 0 ? p.EntriesMerged : p.Processed;
                task.Description = p.LinesSplit > 0 ? $"splitting into {p.Partitions} partitions"
                    : p.EntriesToMerge > 0 ? $"merging the {p.Partitions} partitions' timelines ({p.EntriesMerged:N0} of {p.EntriesToMerge:N0} entries)"
                    : p.Partitions > 1 ? $"simulating {p.Now:yyyy-MM-dd} ({p.PartitionsDone}/{p.Partitions} partitions done)" : $"simulating {p.Now:yyyy-MM-dd}";
            });
            result = await simulator.RunAsync(profileLines, eventLines, options with { Progress = progress }, ct);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    /// <summary>One progress line for a log: splitting (lines read), stimuli processed and pending, virtual time, and partitions
    /// done, or merging the partitions' timelines (entries written).</summary>
    internal static string Describe(SimulationProgress p) =>
        p.LinesSplit > 0 ? $"simulate: splitting the input into {p.Partitions} partitions, {p.LinesSplit:N0} lines read"
        : p.EntriesToMerge > 0 ? $"simulate: merging the {p.Partitions} partitions' timelines, {p.EntriesMerged:N0} of {p.EntriesToMerge:N0} entries written"
        : $"simulate: {p.Processed:N0} processed, {p.Pending:N0} pending, virtual time {p.Now}"
            + (p.Partitions > 1 ? $", {p.PartitionsDone} of {p.Partitions} partitions done" : "");

    /// <summary>Reports progress on the calling thread (<see cref="Progress{T}"/> would post to the captured context or the thread pool).</summary>
    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        /// <summary>Calls the callback with <paramref name="value"/> at once.</summary>
        public void Report(SimulationProgress value) => report(value);
    }
}
