using System.CommandLine;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Engagement.Local.Storage;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage outbox</c>: lists the messages of an embedded host's outbox (they hold contact details: a local tool for the
/// operator; each customer shown is recorded in the audit trail as <c>local:&lt;OS user&gt;</c>).</summary>
internal static class OutboxCommand
{
    /// <summary>Builds <c>engage outbox</c> with its options and action: list the messages in an engage serve outbox (contact details need --key-file). Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The SQLite database file", DefaultValueFactory = _ => "engage.db" };
        var customer = new Option<string?>("--customer") { Description = "Only this customer" };
        var channel = new Option<string?>("--channel") { Description = "Only this channel (email, sms, push)" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1 to 1000)", DefaultValueFactory = _ => 50 };
        var after = new Option<long>("--after") { Description = "Only messages after this sequence number (paging)" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var keyFile = StatusCommand.KeyFileOption();
        var config = StatusCommand.ConfigOption();
        var command = new Command("outbox", "List the messages in an engage serve outbox (contact details need --key-file)") { db, customer, channel, limit, after, json, keyFile };
        command.SetAction(async (parse, ct) =>
        {
            if (CommandInputs.OpenDatabase(parse.GetValue(db)!, parse.GetValue(keyFile), parse.GetValue(config)) is not { } queries)
            {
                return 2;
            }

            var rows = queries.Outbox(new OutboxQuery(parse.GetValue(after), parse.GetValue(limit), parse.GetValue(customer), parse.GetValue(channel)));
            // A read of customers' messages: recorded in the audit trail as the local OS user, before anything is shown.
            var who = "local:" + Environment.UserName;
            await queries.Audit(NodaTime.SystemClock.Instance).AppendAsync(
                [.. rows.GroupBy(r => r.Message.CustomerId, StringComparer.Ordinal).Select(g => new AuditEvent(who, AuditActions.OutboxRead, g.Key, "cli", $"messages={g.Count()}"))],
                ct);
            if (parse.GetValue(json))
            {
                foreach (var row in rows)
                {
                    Console.WriteLine(EngineJson.Serialize(row));
                }

                return 0;
            }

            var table = new Table().AddColumns("seq", "created", "customer", "channel", "journey/step", "template", "state", "attempts", "transport");
            foreach (var r in rows)
            {
                table.AddRow($"{r.Sequence}", InstantText.Format(r.CreatedAt), Markup.Escape(r.Message.CustomerId), r.Message.Channel, Markup.Escape($"{r.Message.Journey}/{r.Message.Step}"),
                    Markup.Escape($"{r.Message.Template} ({r.Message.Locale})"), r.State + (r.LastError is null ? string.Empty : Markup.Escape($" ({r.LastError})")), $"{r.Attempts}", r.Transport);
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{rows.Count} message(s)" + (rows.Count == parse.GetValue(limit) ? $"; more with --after {rows[^1].Sequence}" : string.Empty));
            return 0;
        });
        command.Options.Add(config);
        return command;
    }
}
