using System.Globalization;
using System.Text.Json;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// <c>scheduling --customers 100000 [--delay 2] [--systems hangfire,quartz,engine,engagement] [--out FILE.md]</c>: the
/// delayed-send benchmark, each system in its own child process one after the other, then one markdown report with ratios.
/// </summary>
internal static class SchedulingCommand
{
    /// <summary>Runs every system and prints the report; 0 when every system fired every message.</summary>
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var systems = args.Get("systems", "hangfire,quartz,engine,engagement").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var timeout = args.Number("timeout", 600);
        var passThrough = new[] { "customers", "delay", "timeout", "workers", "poll", "threads", "batch" };
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
            var (exit, last) = await ChildProcess.RunSelfAsync(childArgs, TimeSpan.FromSeconds(timeout + 120));
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
                failed.Add($"{system}: only {result.Fired.ToString("N0", CultureInfo.InvariantCulture)} of {result.Customers.ToString("N0", CultureInfo.InvariantCulture)} fired in time");
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
