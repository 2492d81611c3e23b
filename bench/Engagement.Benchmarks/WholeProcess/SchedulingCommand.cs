using System.Globalization;
using System.Text.Json;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// <c>scheduling --customers 100000 [--delay 2] [--systems hangfire,quartz,engine,engagement] [--out FILE.md]</c>: the
/// delayed-send benchmark, each system in its own child process one after the other, then one markdown report with ratios.
/// Systems: hangfire, quartz, engine, engagement (the default set), quartz-sqlite, and hangfire-sqlite, which runs from its
/// own assembly (<c>dotnet build bench/Engagement.Benchmarks.HangfireSqlite -c Release</c> first, or <c>--hangfire-sqlite
/// PATH.dll</c>).
/// </summary>
internal static class SchedulingCommand
{
    /// <summary>Runs every system and prints the report; 0 when every system fired every message.</summary>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var systems = args.Get("systems", "hangfire,quartz,engine,engagement").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var timeout = args.Number("timeout", 600);
        var passThrough = new[] { "customers", "delay", "timeout", "workers", "poll", "queue-poll", "threads", "batch" };
        var results = new List<SchedulingResult>();
        var failed = new List<string>();
        foreach (var system in systems)
        {
            var childArgs = new List<string> { SchedulingChild.Verb, "--system", system };
            foreach (var name in passThrough)
            {
                if (args.Find(name) is { } value)
                {
                    childArgs.AddRange(["--" + name, value]);
                }
            }

            Console.Error.WriteLine($"scheduling: {system} …");
            var childTimeout = TimeSpan.FromSeconds(timeout + 120);
            int exit;
            string? last;
            if (system == "hangfire-sqlite")
            {
                var dll = args.Find("hangfire-sqlite") ?? Path.Combine(
                    IngestCommand.RepoRoot(), "bench", "Engagement.Benchmarks.HangfireSqlite", "bin", "Release", "net10.0", "Engagement.Benchmarks.HangfireSqlite.dll");
                if (!File.Exists(dll))
                {
                    failed.Add($"{system}: {dll} not found; build it first: dotnet build bench/Engagement.Benchmarks.HangfireSqlite -c Release");
                    continue;
                }

                (exit, last) = await ChildProcess.RunAsync(dll, childArgs, childTimeout);
            }
            else
            {
                (exit, last) = await ChildProcess.RunSelfAsync(childArgs, childTimeout);
            }

            SchedulingResult? result = null;
            try
            {
                result = last is not null && last.StartsWith('{') ? JsonSerializer.Deserialize<SchedulingResult>(last) : null;
            }
            catch (JsonException)
            {
            }

            if (result is null)
            {
                failed.Add($"{system}: exit code {exit.ToString(CultureInfo.InvariantCulture)}, no result ({last})");
                continue;
            }

            results.Add(result);
            if (exit != 0)
            {
                failed.Add($"{system}: only {result.Fired.ToString("N0", CultureInfo.InvariantCulture)} of {result.Customers.ToString("N0", CultureInfo.InvariantCulture)} fired in time"
                    + (result.Scheduled < result.Customers ? $" ({result.Scheduled.ToString("N0", CultureInfo.InvariantCulture)} scheduled)" : ""));
            }
        }

        var report = SchedulingReport.Markdown(results, failed);
        Console.WriteLine(report);
        if (args.Find("out") is { } file)
        {
            await File.WriteAllTextAsync(file, report);
        }

        return failed.Count == 0 ? 0 : 1;
    }
}
