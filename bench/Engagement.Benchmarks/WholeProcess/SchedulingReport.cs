using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The markdown report of the delayed-send benchmark: one row per system, ratios against Engagement's embedded
/// host (or the first system when it did not run).</summary>
internal static class SchedulingReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The report: machine line, table, set-ups, failures.</summary>
    public static string Markdown(IReadOnlyList<SchedulingResult> results, IReadOnlyList<string> failed)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores, {MachineNotes.LoadAverage()}");
        md.AppendLine();
        var baseline = results.FirstOrDefault(r => r.System == "engagement") ?? results.FirstOrDefault();
        md.AppendLine(Inv, $"| system | customers | schedule all | scheduled/s | all fired (from start) | first→last fire | fired/s | lateness p50 / p99 / max | CPU | allocated | peak working set | all fired vs {baseline?.System ?? "-"} | memory vs {baseline?.System ?? "-"} |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var fireRate = r.FirstToLastFireSeconds is > 0 ? (r.Fired / r.FirstToLastFireSeconds.Value).ToString("N0", Inv) : "-";
            var lateness = r.LatenessP50Ms is null ? "-" : $"{Ms(r.LatenessP50Ms)} / {Ms(r.LatenessP99Ms)} / {Ms(r.LatenessMaxMs)}";
            var schedule = r.Scheduled < r.Customers
                ? string.Create(Inv, $"{r.ScheduleSeconds:0.00} s, stopped at {r.Scheduled:N0}")
                : string.Create(Inv, $"{r.ScheduleSeconds:0.00} s");
            md.AppendLine(Inv, $"| {r.System} | {r.Customers:N0} | {schedule} | {r.Scheduled / r.ScheduleSeconds:N0} | {(r.AllFiredSeconds is { } a ? $"{a:0.00} s" : $"not all ({r.Fired:N0})")} | {(r.FirstToLastFireSeconds is { } s ? $"{s:0.00} s" : "-")} | {fireRate} | {lateness} | {r.CpuSeconds:0.0} s | {Bytes(r.AllocatedBytes)} | {Bytes(r.PeakWorkingSetBytes)} | {Ratio(r.AllFiredSeconds, baseline?.AllFiredSeconds)} | {Ratio(r.PeakWorkingSetBytes, baseline?.PeakWorkingSetBytes)} |");
        }

        md.AppendLine();
        foreach (var r in results)
        {
            md.AppendLine(Inv, $"- {r.System}: {r.Setup} (at the start: {r.LoadAverage})");
        }

        foreach (var f in failed)
        {
            md.AppendLine(Inv, $"- FAILED {f}");
        }

        return md.ToString();
    }

    private static string Ms(double? ms) => ms is null ? "-" : ms.Value >= 1000 ? $"{ms.Value / 1000:0.00} s".Replace(',', '.') : ms.Value.ToString("0", Inv) + " ms";

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.00", Inv) + " GB"
        : (bytes / (double)(1L << 20)).ToString("N0", Inv) + " MB";

    private static string Ratio(double? value, double? baseline) =>
        value is null || baseline is null or 0 ? "-" : (value.Value / baseline.Value).ToString("0.00", Inv) + "×";
}
