using System.Text;
using Engagement.Reports.Output;

namespace Engagement.Cli.Commands;

/// <summary>Writes a report in the chosen format to a file (directories created) and says where.</summary>
internal static class ReportOutput
{
    /// <summary>The report formats <c>--format</c> accepts, which are also the file extensions recognised.</summary>
    public static readonly string[] Formats = ["html", "json", "csv"];

    /// <summary>The report as text in <paramref name="format"/> (json or csv; anything else gives HTML).</summary>
    public static string Render(ReportDocument report, string format) => format switch
    {
        "json" => JsonReportWriter.Write(report),
        "csv" => CsvReportWriter.Write(report),
        _ => HtmlReportWriter.Write(report),
    };

    /// <summary>Renders the report to <paramref name="path"/> as UTF-8 without a byte order mark, replacing the file and
    /// creating its directory, then says on stderr where it went.</summary>
    public static void Write(ReportDocument report, string format, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Render(report, format), new UTF8Encoding(false));
        Console.Error.WriteLine($"report: {full} ({format}, {report.Journeys.Count} journeys{(report.Kpis is null ? string.Empty : ", KPIs")})");
    }

    /// <summary>The format from <c>--format</c>, else from the file extension, else html.</summary>
    public static string? FormatFor(string? format, string? path)
    {
        if (format is not null)
        {
            return Formats.Contains(format) ? format : null;
        }

        var ext = Path.GetExtension(path ?? string.Empty).TrimStart('.').ToLowerInvariant();
        return Formats.Contains(ext) ? ext : "html";
    }
}
