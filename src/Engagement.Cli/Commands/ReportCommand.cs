using System.CommandLine;
using Engagement.Reports.Facts;

namespace Engagement.Cli.Commands;

/// <summary><c>engage report</c>: what journeys did, from a simulation timeline or a serve database, as HTML, JSON or CSV.</summary>
internal static class ReportCommand
{
    /// <summary>Builds <c>engage report</c> with its options and action: write a report (journey pictures, funnels, holdout and A/B statistics, retail KPIs, message previews). Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var journeys = new Option<string>("--journeys") { Description = "Journey directory", DefaultValueFactory = _ => "journeys" };
        var timeline = new Option<FileInfo?>("--timeline") { Description = "A timeline written by engage simulate --out (JSON Lines)" };
        var db = new Option<FileInfo?>("--db") { Description = "An engage serve database instead of a timeline" };
        var events = new Option<FileInfo?>("--events") { Description = "With --timeline: the simulation's events, for the retail KPIs" };
        var profiles = new Option<FileInfo?>("--profiles") { Description = "With --timeline: the simulation's profiles, for the retail KPIs" };
        var from = new Option<string?>("--from") { Description = "First UTC day (yyyy-MM-dd), included" };
        var to = new Option<string?>("--to") { Description = "Last UTC day (yyyy-MM-dd), included" };
        var output = new Option<string?>("--out") { Description = "Where to write it (default out/report.html, .json or .csv)" };
        var format = new Option<string?>("--format") { Description = "html (default), json, or csv (the per-step table)" };
        format.AcceptOnlyFromAmong(ReportOutput.Formats);
        var keyFile = StatusCommand.KeyFileOption();
        keyFile.Description = "With --db: the database's key file (default: ENGAGE_KEY_FILE, else engage.json's keyFile); needed when it is encrypted";
        var config = StatusCommand.ConfigOption();
        var command = new Command("report", "Write a report (journey pictures, funnels, holdout and A/B statistics, retail KPIs, message previews)")
        {
            journeys, timeline, db, events, profiles, from, to, output, format, keyFile, config,
        };
        command.SetAction(parse =>
        {
            var tl = parse.GetValue(timeline);
            var database = parse.GetValue(db);
            if ((tl is null) == (database is null))
            {
                throw new UsageException("give either --timeline FILE or --db FILE");
            }

            if (database is not null && (parse.GetValue(events) is not null || parse.GetValue(profiles) is not null))
            {
                throw new UsageException("--events and --profiles go with --timeline; a database has its own");
            }

            foreach (var f in new[] { tl, database, parse.GetValue(events), parse.GetValue(profiles) })
            {
                if (f is not null && !f.Exists)
                {
                    throw new UsageException($"{f.FullName}: file not found");
                }
            }

            if (!ReportPeriod.TryParse(parse.GetValue(from), parse.GetValue(to), out var period, out var error))
            {
                throw new UsageException(error!);
            }

            var fmt = ReportOutput.FormatFor(parse.GetValue(format), parse.GetValue(output))!;
            if (CommandInputs.LoadCatalog(parse.GetValue(journeys)!) is not { } catalog)
            {
                return 1;
            }

            Reports.Output.ReportDocument report;
            try
            {
                if (tl is not null)
                {
                    // A 100,000-customer year is about 15 million entries, half a minute: a line every million read.
                    var entries = TimelineFile.Read(tl.FullName, n => Console.Error.WriteLine(
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"report: {n:N0} timeline entries read from {tl.Name}")));
                    report = ReportInputs.FromTimeline(catalog, entries, tl.Name, period, parse.GetValue(events), parse.GetValue(profiles));
                }
                else if (CommandInputs.OpenDatabase(database!.FullName, parse.GetValue(keyFile), parse.GetValue(config)) is { } queries)
                {
                    report = ReportInputs.FromDatabase(catalog, queries, database.Name, period);
                }
                else
                {
                    return 2;
                }
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }

            ReportOutput.Write(report, fmt, parse.GetValue(output) ?? Path.Combine("out", "report." + fmt));
            return 0;
        });
        return command;
    }
}
