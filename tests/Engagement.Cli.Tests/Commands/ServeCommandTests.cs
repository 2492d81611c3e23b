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

        var first = Engage.Run("serve", "--db", db, "--profiles", profiles, "--events", events, "--clock", "virtual", "--until-idle");
        var again = Engage.Run("serve", "--db", db, "--profiles", profiles, "--events", events, "--clock", "virtual", "--until-idle");
        var status = Engage.Run("status", "--db", db, "--json");
        var outbox = Engage.Run("outbox", "--db", db, "--limit", "3", "--json");

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
        // engage outbox read customers' messages: the audit trail names each customer shown, as the local OS user.
        var audit = Engage.Run("audit", "--db", db, "--action", "outbox.read", "--format", "json").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.Equal(rows.Select(r => (string?)r["message"]!["customerId"]).Distinct().Order(), audit.Select(a => (string?)a["customerId"]).Order());
        Assert.All(audit, a => Assert.Equal(("local:" + Environment.UserName, "cli"), ((string?)a["who"], (string?)a["from"])));
        // Under the virtual clock a message is delivered at the virtual instant it was written, not at wall-clock time.
        Assert.All(rows, r => Assert.Equal((string?)r["createdAt"], (string?)r["deliveredAt"]));
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
