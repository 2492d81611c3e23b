using System.CommandLine;
using Engagement.Journeys.Runtime;
using Engagement.Local.Security;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using NodaTime;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage audit</c>: lists and filters the audit trail of a serve database (who read or changed which customer's
/// data, when, from where; docs/security.md). Entries hold customer ids, never contact details.</summary>
internal static class AuditCommand
{
    /// <summary>Builds <c>engage audit</c> with its options and action: list the audit trail of an engage serve database: reads and changes of customer data, sign-ins. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The SQLite database file", DefaultValueFactory = _ => "engage.db" };
        var customer = new Option<string?>("--customer") { Description = "Only entries about this customer id" };
        var action = new Option<string?>("--action") { Description = "Only this action: " + string.Join(", ", AuditActions.All) };
        action.AcceptOnlyFromAmong([.. AuditActions.All]);
        var since = new Option<string?>("--since") { Description = "Only entries at or after this instant (ISO-8601, e.g. 2026-12-01T00:00:00Z)" };
        var who = new Option<string?>("--who") { Description = "Only this key name (or local:USER)" };
        var limit = new Option<int>("--limit") { Description = "At most this many, oldest first (1 to 100000)", DefaultValueFactory = _ => 1000 };
        var format = new Option<string>("--format") { Description = "table, or json (one object per line)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("audit", "List the audit trail of an engage serve database: reads and changes of customer data, sign-ins") { db, customer, action, since, who, limit, format };
        command.SetAction(parse =>
        {
            Instant? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!InstantText.TryParse(text, out var instant))
                {
                    throw new UsageException($"--since: '{text}' is not an instant: expected ISO-8601 such as 2026-12-01T00:00:00Z");
                }

                from = instant;
            }

            if (parse.GetValue(limit) is < 1 or > 100_000)
            {
                throw new UsageException($"--limit: {parse.GetValue(limit)} is out of range: expected 1 to 100000");
            }

            if (CommandInputs.OpenDatabase(parse.GetValue(db)!) is not { } queries)
            {
                return ExitCodes.Usage;
            }

            var entries = queries.Audit(SystemClock.Instance).List(new AuditQuery(parse.GetValue(customer), parse.GetValue(action), from, parse.GetValue(who), parse.GetValue(limit)));
            if (parse.GetValue(format) == "json")
            {
                var settings = new JsonSerializerSettings { ContractResolver = new CamelCasePropertyNamesContractResolver(), Converters = { new Engine.Serialization.InstantJsonConverter() } };
                foreach (var entry in entries)
                {
                    Console.WriteLine(JsonConvert.SerializeObject(entry, settings));
                }

                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("seq", "at", "who", "action", "customer", "from", "detail");
            foreach (var e in entries)
            {
                table.AddRow($"{e.Sequence}", InstantText.Format(e.At), Markup.Escape(e.Who), e.Action, Markup.Escape(e.CustomerId ?? "-"), Markup.Escape(e.From ?? "-"), Markup.Escape(e.Detail ?? string.Empty));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
