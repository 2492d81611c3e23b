using System.CommandLine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using Engagement.Engine.Ports;
using Engagement.Local.Channels;
using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage serve</c>: runs the embedded host on a SQLite file. Events can be fed from a JSON Lines file or stdin (a CRM export
/// replayed). The HTTP API (docs/http-api.md) and the channel transports of engage.json (docs/channels.md) run beside the
/// host until the command is cancelled (Ctrl+C, SIGTERM), after which both shut down gracefully.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Lines per ingest call (one transaction each) when feeding a file.</summary>
    private const int Chunk = 2000;

    /// <summary>Builds <c>engage serve</c> with its options and action: run the embedded host: SQLite state, durable timers, transactional outbox, the HTTP API and the channels of engage.json. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var setup = new ServeSetup();
        var window = new EventWindowOptions();
        var events = new Option<string?>("--events") { Description = "Feed these events (JSON Lines; - for stdin) before serving; lines seen before are duplicates" };
        var profiles = new Option<FileInfo?>("--profiles") { Description = "Import these profiles (JSON Lines) first; lines seen before are skipped" };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Exit once every event and every timer due by now is processed (virtual clock: up to --until); no HTTP API" };
        var clock = new Option<string>("--clock") { Description = "real: the system clock; virtual: time follows the events' timestamps, as in engage simulate", DefaultValueFactory = _ => "real" };
        clock.AcceptOnlyFromAmong("real", "virtual");
        var until = new Option<string?>("--until") { Description = "Virtual clock with --until-idle: run timers up to this instant (default: one year after the last event, as simulate)" };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logs (ids and counts only)" };
        var command = new Command("serve", "Run the embedded host: SQLite state, durable timers, transactional outbox, the HTTP API and the channels of engage.json")
        {
            events, profiles, untilIdle, clock, until, verbose,
        };
        foreach (var option in setup.All.Concat(window.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var stop = CommandInputs.ParseUntil(parse.GetValue(until));

            if (setup.LoadOptions(parse) is not { } config)
            {
                return 2;
            }

            if (CommandInputs.LoadCatalog(setup.JourneysPath(parse, config)) is not { } catalog)
            {
                return 1;
            }

            var eventSource = parse.GetValue(events);
            if (eventSource is not null and not "-")
            {
                CommandInputs.RequireFile(eventSource, "--events");
            }

            if (parse.GetValue(profiles) is { } profilesToCheck)
            {
                CommandInputs.RequireFile(profilesToCheck.FullName, "--profiles");
            }

            var eventWindow = window.Read(parse, streamed: parse.GetValue(clock) == "virtual");
            var keys = setup.Keys(parse, config, out var keysOk);
            if (!keysOk)
            {
                return 2;
            }

            using var loggers = OneLineLogFormatter.CreateFactory(parse.GetValue(verbose));
            var httpOptions = setup.HttpOptions(parse, config, parse.GetValue(untilIdle), loggers);
            var options = setup.HostOptions(parse, config, parse.GetValue(clock) == "virtual" ? ClockMode.Virtual : ClockMode.Real, httpOptions is not null, keys) with { EventWindow = eventWindow };
            await using var transports = ChannelTransports.Create(config, loggers: loggers);
            var byChannel = transports.All.ToDictionary(t => t.Channel, StringComparer.Ordinal);
            EmbeddedHost opened;
            try
            {
                opened = EmbeddedHost.Open(options, catalog, SystemClock.Instance, byChannel, loggers);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine($"engage serve: {ex.Message}");
                return 2;
            }

            await using var host = opened;
            await host.StartAsync(ct);
            HttpApi? api = null;
            try
            {
                api = httpOptions is null ? null : await HttpApi.StartAsync(host, httpOptions, ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"engage serve: the HTTP API cannot start: {ex.Message}");
                await host.StopAsync(CancellationToken.None);
                return 2;
            }

            try
            {
                if (parse.GetValue(profiles) is { } profileFile)
                {
                    var lines = Engine.Events.InputLines.Read(File.OpenRead(profileFile.FullName)).ToList();
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
                        host.CompleteInput(stop ?? SimulationOptions.HorizonAfter(host.LatestInputTime ?? SystemClock.Instance.GetCurrentInstant()));
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

            if (api is not null)
            {
                await api.StopAsync(CancellationToken.None);
                await api.DisposeAsync();
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
        // Bytes that are not UTF-8 are kept visible, so the line is rejected with its reason instead of read altered.
        using var lines = Engine.Events.InputLines.Read(source == "-" ? Console.OpenStandardInput() : File.OpenRead(source)).GetEnumerator();
        var progress = source != "-" && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive ? new FeedProgress(new FileInfo(source).Length) : null;
        var chunk = new List<string>(Chunk);
        var first = 1;
        long accepted = 0, duplicates = 0, rejected = 0, bytes = 0;
        while (true)
        {
            // stdin may block for a long time: read it off the caller's thread so Ctrl+C still stops the wait.
            var line = source == "-"
                ? await Task.Run(() => lines.MoveNext() ? lines.Current : null, ct).WaitAsync(ct)
                : lines.MoveNext() ? lines.Current : null;
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
