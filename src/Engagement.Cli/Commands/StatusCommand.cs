using System.CommandLine;
using Engagement.Local.Hosting;
using Engagement.Local.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using NodaTime;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage status</c>: queue depths, the next due timer and the exactly-once totals of an embedded host's database.</summary>
internal static class StatusCommand
{
    /// <summary>Builds <c>engage status</c> with its options and action: show queue depths, the next due timer and the encryption of an engage serve database. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The SQLite database file", DefaultValueFactory = _ => "engage.db" };
        var json = new Option<bool>("--json") { Description = "One JSON object instead of a table" };
        var keyFile = KeyFileOption();
        var config = ConfigOption();
        var command = new Command("status", "Show queue depths, the next due timer and the encryption of an engage serve database") { db, json, keyFile, config };
        command.SetAction(parse =>
        {
            if (CommandInputs.OpenDatabase(parse.GetValue(db)!, parse.GetValue(keyFile), parse.GetValue(config)) is not { } queries)
            {
                return 2;
            }

            var (isVirtual, virtualNow) = queries.Clock();
            var status = queries.Status(isVirtual ? virtualNow : SystemClock.Instance.GetCurrentInstant().ToUnixTimeTicks());
            var figures = queries.Figures();
            var protection = queries.Protection();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonConvert.SerializeObject(
                    new { status, figures, clock = isVirtual ? "virtual" : "real", protection },
                    new JsonSerializerSettings { ContractResolver = new CamelCasePropertyNamesContractResolver(), Converters = { new Engine.Serialization.InstantJsonConverter() } }));
            }
            else
            {
                Write(status, figures);
                Console.WriteLine(Describe(protection));
            }

            return 0;
        });
        return command;
    }

    /// <summary>The <c>--key-file</c> option of the commands that read protected values.</summary>
    public static Option<string?> KeyFileOption() => new("--key-file") { Description = "The database's key file, to read encrypted contact details (default: ENGAGE_KEY_FILE, else engage.json's keyFile); without it they show as (encrypted)" };

    /// <summary>The <c>--config</c> option of the commands that read protected values (for engage.json's <c>keyFile</c>).</summary>
    public static Option<string?> ConfigOption() => new("--config") { Description = "engage.json whose keyFile names the key file when neither --key-file nor ENGAGE_KEY_FILE does (default: ./engage.json when it exists)" };

    /// <summary>One line on how the file is protected.</summary>
    public static string Describe(ProtectionStatus p) => p.Encrypted
        ? $"database: encrypted (AES-256-GCM), last rotation finished under key {p.KeyId ?? "(none yet)"}; values by key: "
            + (p.ValuesByKey.Count == 0 ? "none" : string.Join(", ", p.ValuesByKey.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value:N0}")))
            + $"; {p.PlaintextValues:N0} not yet encrypted" + (p.ValuesByKey.Count > 1 || p.PlaintextValues > 0 ? " (a rotation is running or pending: engage keys rotate, or the next start, finishes it)" : string.Empty)
        : $"database: PLAIN TEXT (served with --insecure-plaintext): contact details and names are readable in the file";

    /// <summary>Prints the status as a table.</summary>
    public static void Write(HostStatus status, StoreFigures figures)
    {
        var table = new Table().AddColumns("queue", "count");
        table.AddRow("events pending", $"{status.PendingEvents:N0}");
        table.AddRow("events processed", $"{status.ProcessedEvents:N0} ({figures.InputProcessed:N0} input, {figures.EmittedProcessed:N0} emitted)");
        table.AddRow("inputs rejected", $"{status.RejectedEvents:N0} ({figures.RejectedLines:N0} distinct lines)");
        table.AddRow("timers scheduled", $"{status.ScheduledTimers:N0}");
        table.AddRow("timers due", $"{status.DueTimers:N0}");
        table.AddRow("next timer", status.NextTimerAt is { } next ? Journeys.Runtime.InstantText.Format(next) : "-");
        table.AddRow("outbox", $"{figures.OutboxRows:N0} ({figures.OutboxDelivered:N0} delivered, {status.OutboxPending:N0} pending, {status.OutboxFailed:N0} failed)");
        table.AddRow("active enrollments", $"{status.ActiveEnrollments:N0}");
        table.AddRow("tasks", $"{status.OpenTasks:N0}");
        AnsiConsole.Write(table);
    }
}
