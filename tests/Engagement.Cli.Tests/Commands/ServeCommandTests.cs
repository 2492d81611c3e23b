using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Commands;

/// <summary><c>engage serve</c>, <c>status</c> and <c>outbox</c> through the real process.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-serve-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Serve_VirtualClockUntilIdleTwice_SendsWhatSimulateSendsOnceAndStatusAndOutboxShowIt()
    {
        Assert.Equal(0, Engage.Run("samples", "--customers", "15", "--out", _temp).ExitCode);
        var profiles = Path.Combine(_temp, "profiles.jsonl");
        var events = Path.Combine(_temp, "events.jsonl");
        var db = Path.Combine(_temp, "engage.db");
        var simulated = Engage.Run("simulate", "--journeys", "journeys", "--profiles", profiles, "--events", events);
        var expected = long.Parse(Messages().Match(simulated.Out).Groups[1].Value.Replace(",", string.Empty), System.Globalization.CultureInfo.InvariantCulture);

        var keys = Path.Combine(_temp, "keys.json");
        var created = Engage.Run("keys", "new", "--out", keys);

        var first = Engage.Run("serve", "--db", db, "--key-file", keys, "--profiles", profiles, "--events", events, "--clock", "virtual", "--until-idle");
        var again = Engage.Run("serve", "--db", db, "--key-file", keys, "--profiles", profiles, "--events", events, "--clock", "virtual", "--until-idle");
        var status = Engage.Run("status", "--db", db, "--json");
        var outbox = Engage.Run("outbox", "--db", db, "--limit", "3", "--json", "--key-file", keys);
        var sealedOutbox = Engage.Run("outbox", "--db", db, "--limit", "3", "--json");
        var table = Engage.Run("status", "--db", db);
        var reportWithout = Engage.Run("report", "--db", db, "--out", Path.Combine(_temp, "without.html"));
        var reportWith = Engage.Run("report", "--db", db, "--key-file", keys, "--out", Path.Combine(_temp, "with.html"));

        Assert.True(created.ExitCode == 0, created.Error);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Matches(@"[1-9][0-9,]* duplicates", again.Error);
        Assert.DoesNotContain("@example.com", first.Error + again.Error);
        var figures = JObject.Parse(status.Out)["figures"]!;
        Assert.True(expected > 50, $"a meaningful sample: {expected} messages");
        Assert.Equal(expected, (long)figures["outboxRows"]!);
        Assert.Equal(expected, (long)figures["outboxDistinctLedgerKeys"]!);
        Assert.Equal(expected, (long)figures["outboxDelivered"]!);
        var rows = outbox.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => (long)r["sequence"]!));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty((string?)r["message"]!["ledgerKey"])));
        // engage outbox read customers' messages (twice: with and without the key file): the audit trail names each customer
        // shown, once per run, as the local OS user.
        var audit = Engage.Run("audit", "--db", db, "--action", "outbox.read", "--format", "json").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        var shown = rows.Select(r => (string?)r["message"]!["customerId"]).Distinct().ToList();
        Assert.Equal(shown.Concat(shown).Order(), audit.Select(a => (string?)a["customerId"]).Order());
        Assert.All(audit, a => Assert.Equal(("local:" + Environment.UserName, "cli"), ((string?)a["who"], (string?)a["from"])));
        // Under the virtual clock a message is delivered at the virtual instant it was written, not at wall-clock time.
        Assert.All(rows, r => Assert.Equal((string?)r["createdAt"], (string?)r["deliveredAt"]));
        Assert.All(rows, r => Assert.Contains("@example.com", (string?)r["message"]!["to"] + (string?)r["message"]!["body"] + "@example.com"));
        Assert.True((bool)JObject.Parse(status.Out)["protection"]!["encrypted"]!);
        Assert.Contains("database: encrypted (AES-256-GCM)", table.Out, StringComparison.Ordinal);
        // Without the key file the outbox still lists, with the protected values shown as (encrypted).
        Assert.True(sealedOutbox.ExitCode == 0, sealedOutbox.Error);
        var sealedRows = sealedOutbox.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.All(sealedRows, r => Assert.Equal("(encrypted)", (string?)r["message"]!["to"]));
        Assert.All(sealedRows, r => Assert.False(string.IsNullOrEmpty((string?)r["message"]!["journey"])));
        Assert.DoesNotContain("@example.com", sealedOutbox.Out, StringComparison.Ordinal);
        // A report needs event and profile data: without the key file one line says so; with it the report is written.
        Assert.Equal(2, reportWithout.ExitCode);
        Assert.Contains("give the database's key file with --key-file", reportWithout.Error, StringComparison.Ordinal);
        Assert.Single(reportWithout.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(reportWith.ExitCode == 0, reportWith.Error);
        Assert.True(File.Exists(Path.Combine(_temp, "with.html")));
    }

    [Fact]
    public void Serve_WithoutAKeyFile_RefusesWithOneLineAndExitsTwo()
    {
        var (code, output, error) = Engage.Run("serve", "--db", Path.Combine(_temp, "engage.db"), "--until-idle");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("engage serve: no key file: give --key-file FILE", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(_temp, "engage.db")));
    }

    [Fact]
    public void Serve_InsecurePlaintext_RunsAndStatusSaysThePlainText()
    {
        var db = Path.Combine(_temp, "plain.db");

        var served = Engage.Run("serve", "--db", db, "--insecure-plaintext", "--until-idle");
        var status = Engage.Run("status", "--db", db);

        Assert.True(served.ExitCode == 0, served.Error);
        Assert.Contains("database: PLAIN TEXT", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_KeyFileFromTheEnvironmentThatIsBroken_NamesTheFileInOneLine()
    {
        var keys = Path.Combine(_temp, "broken.json");
        File.WriteAllText(keys, "{ nope");

        var (code, _, error) = Engage.Run("serve", "--db", Path.Combine(_temp, "engage.db"), "--key-file", keys, "--until-idle");

        Assert.Equal(2, code);
        Assert.Equal($"engage serve: {keys}: not valid JSON (line 1): expected a key file written by engage keys new", error.Trim());
    }

    [Fact]
    public void KeysNew_ExistingFile_IsRefusedAndKeysAddRotatesIt()
    {
        var keys = Path.Combine(_temp, "keys.json");
        Assert.Equal(0, Engage.Run("keys", "new", "--out", keys).ExitCode);
        var before = File.ReadAllText(keys);

        var again = Engage.Run("keys", "new", "--out", keys);
        var added = Engage.Run("keys", "add", "--key-file", keys);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Equal(2, ((JArray)JObject.Parse(File.ReadAllText(keys))["keys"]!).Count);
        Assert.Equal((string?)JObject.Parse(before)["keys"]![0]!["key"], (string?)JObject.Parse(File.ReadAllText(keys))["keys"]![0]!["key"]);
    }

    [Fact]
    public void Status_MissingDatabase_SaysSoAndExitsTwo()
    {
        var (code, _, error) = Engage.Run("status", "--db", Path.Combine(_temp, "none.db"));

        Assert.Equal(2, code);
        Assert.Contains("no such database", error);
        Assert.False(File.Exists(Path.Combine(_temp, "none.db")));
    }

    [GeneratedRegex(@"([0-9,]+) messages")]
    private static partial Regex Messages();
}
