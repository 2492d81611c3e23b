using System.CommandLine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using Engagement.Local.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage serve</c>: runs the embedded host on a SQLite file. Events can be fed from a JSON Lines file or stdin (a CRM export
/// replayed); front ends such as the HTTP API plug in through <see cref="Create"/>'s <c>frontEnd</c>, which runs until the
/// command is cancelled (Ctrl+C, SIGTERM), after which the host shuts down gracefully.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Lines per ingest call (one transaction each) when feeding a file.</summary>
    private const int Chunk = 2000;

    /// <param name="frontEnd">Runs beside the host (for example the HTTP API) until its token is cancelled; null for none.</param>
    public static Command Create(Func<IEmbeddedHost, CancellationToken, Task>? frontEnd = null)
    {
        var db = new Option<string>("--db") { Description = "The SQLite database file (created when missing)", DefaultValueFactory = _ => "engage.db" };
        var journeys = new Option<string>("--journeys") { Description = "Journey directory", DefaultValueFactory = _ => "journeys" };
        var events = new Option<string?>("--events") { Description = "Feed these events (JSON Lines; - for stdin) before serving; lines seen before are duplicates" };
        var profiles = new Option<FileInfo?>("--profiles") { Description = "Import these profiles (JSON Lines) first; lines seen before are skipped" };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Exit once every event and every timer due by now is processed (virtual clock: up to --until)" };
        var clock = new Option<string>("--clock") { Description = "real: the system clock; virtual: time follows the events' timestamps, as in engage simulate", DefaultValueFactory = _ => "real" };
        clock.AcceptOnlyFromAmong("real", "virtual");
        var until = new Option<string?>("--until") { Description = "Virtual clock with --until-idle: run timers up to this instant (default: one year after the last event, as simulate)" };
        var unsubscribe = new Option<string?>("--unsubscribe-url") { Description = "Public unsubscribe endpoint for the links in marketing messages, e.g. https://shop.example/u (default: no links)" };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logs (ids and counts only)" };
        var command = new Command("serve", "Run the embedded host: SQLite state, durable timers, transactional outbox")
        {
            db, journeys, events, profiles, untilIdle, clock, until, unsubscribe, verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            Instant? stop = null;
            if (parse.GetValue(until) is { } u)
            {
                if (!InstantText.TryParse(u, out var i))
                {
                    Console.Error.WriteLine($"--until: '{u}' is not an instant: expected ISO-8601 such as 2027-01-01T00:00:00Z");
                    return 2;
                }

                stop = i;
            }

            var catalog = JourneyCatalog.Load(parse.GetValue(journeys)!, out var diagnostics);
            foreach (var d in diagnostics)
            {
                Console.Error.WriteLine(d.ToString());
            }

            if (diagnostics.Count > 0)
            {
                return 1;
            }

            var eventSource = parse.GetValue(events);
            if (eventSource is not null and not "-" && !File.Exists(eventSource))
            {
                Console.Error.WriteLine($"{Path.GetFullPath(eventSource)}: file not found");
                return 2;
            }

            using var loggers = LoggerFactory.Create(b => b
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
                .AddFilter((category, level) => level >= (parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information)));
            var options = new EmbeddedHostOptions
            {
                DatabasePath = parse.GetValue(db)!,
                Clock = parse.GetValue(clock) == "virtual" ? ClockMode.Virtual : ClockMode.Real,
                UnsubscribeBaseUrl = parse.GetValue(unsubscribe),
            };
            EmbeddedHost opened;
            try
            {
                opened = EmbeddedHost.Open(options, catalog, SystemClock.Instance, loggers: loggers);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            await using var host = opened;
            await host.StartAsync(ct);
            var front = frontEnd?.Invoke(host, ct);
            try
            {
                if (parse.GetValue(profiles) is { } profileFile)
                {
                    var lines = await File.ReadAllLinesAsync(profileFile.FullName, ct);
                    await host.IngestProfilesAsync(lines, "file:" + profileFile.Name, ct);
                }

                if (eventSource is not null)
                {
                    await FeedAsync(host, eventSource, ct);
                }

                if (parse.GetValue(untilIdle))
                {
                    if (options.Clock == ClockMode.Virtual)
                    {
                        host.CompleteInput(stop ?? (host.LatestInputTime ?? SystemClock.Instance.GetCurrentInstant()) + SimulationOptions.DefaultHorizon);
                    }

                    await host.WaitUntilIdleAsync(ct);
                }
                else
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: shut down gracefully below.
            }

            if (front is not null)
            {
                await front.ConfigureAwait(false);
            }

            await host.StopAsync(CancellationToken.None);
            StatusCommand.Write(await host.GetStatusAsync(CancellationToken.None), await host.GetFiguresAsync(CancellationToken.None));
            return 0;
        });
        return command;
    }

    private static async Task FeedAsync(EmbeddedHost host, string source, CancellationToken ct)
    {
        var name = source == "-" ? "stdin" : "file:" + Path.GetFileName(source);
        using var reader = source == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(source);
        var progress = source != "-" && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive ? new FeedProgress(new FileInfo(source).Length) : null;
        var chunk = new List<string>(Chunk);
        var first = 1;
        long accepted = 0, duplicates = 0, rejected = 0, bytes = 0;
        while (true)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line is not null)
            {
                chunk.Add(line);
                bytes += line.Length + 1;
            }

            if (chunk.Count == Chunk || (line is null && chunk.Count > 0))
            {
                var result = await host.IngestAsync(chunk, name, first, ct);
                (accepted, duplicates, rejected) = (accepted + result.Accepted, duplicates + result.Duplicates, rejected + result.Rejected.Count);
                first += chunk.Count;
                chunk.Clear();
                progress?.Report(bytes, accepted, duplicates);
            }

            if (line is null)
            {
                break;
            }
        }

        progress?.Done();
        Console.Error.WriteLine($"serve: {name}: {first - 1:N0} lines, {accepted:N0} accepted, {duplicates:N0} duplicates, {rejected:N0} rejected");
    }
}
