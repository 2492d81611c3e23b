using System.IO.Compression;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Commands;

/// <summary><c>engage report</c> through the real process, over a simulate timeline and a serve database of the same customers.</summary>
public sealed class ReportCommandTests(ReportCommandTests.Sources sources) : IClassFixture<ReportCommandTests.Sources>
{
    /// <summary>Fifteen sample customers, simulated (timeline) and served under the virtual clock (database), once for all tests.</summary>
    public sealed class Sources : IDisposable
    {
        public Sources()
        {
            Assert.Equal(0, Engage.Run("samples", "--customers", "15", "--out", Temp).ExitCode);
            var simulated = Engage.Run("simulate", "--journeys", "journeys", "--profiles", Profiles, "--events", Events, "--out", Timeline);
            Assert.True(simulated.ExitCode == 0, simulated.Error);
            var served = Engage.Run("serve", "--db", Database, "--insecure-plaintext", "--profiles", Profiles, "--events", Events, "--clock", "virtual", "--until-idle");
            Assert.True(served.ExitCode == 0, served.Error);
            Entries = File.ReadLines(Timeline).Select(Parse).ToList();
        }

        public string Temp { get; } = Directory.CreateTempSubdirectory("engage-report-").FullName;

        public string Profiles => Path.Combine(Temp, "profiles.jsonl");

        public string Events => Path.Combine(Temp, "events.jsonl");

        public string Timeline => Path.Combine(Temp, "timeline.jsonl");

        public string Database => Path.Combine(Temp, "engage.db");

        public IReadOnlyList<JObject> Entries { get; }

        public void Dispose() => Directory.Delete(Temp, recursive: true);

        /// <summary>A JSON line with its instants kept as text.</summary>
        public static JObject Parse(string line)
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(line)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            return JObject.Load(reader);
        }
    }

    private JObject Json(params string[] args)
    {
        var output = Path.Combine(sources.Temp, Guid.NewGuid().ToString("n") + ".json");
        var (code, _, error) = Engage.Run(["report", .. args, "--format", "json", "--out", output]);
        Assert.True(code == 0, error);
        return Sources.Parse(File.ReadAllText(output));
    }

    private static Dictionary<string, long> EnteredByJourney(JObject report) =>
        report["journeys"]!.ToDictionary(j => (string)j["id"]!, j => j["days"]!.Sum(d => (long)d["entered"]!));

    /// <summary>A window of days in the middle of the timeline's journey entries (so it leaves entries out on both sides).</summary>
    private (string From, string To) MiddleWindow()
    {
        var days = sources.Entries.Where(e => (string?)e["kind"] == "entered").Select(e => ((string)e["at"]!)[..10]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(days.Count > 10, $"{days.Count} days with entries");
        return (days[days.Count / 4], days[days.Count * 3 / 4]);
    }

    private Dictionary<string, long> TimelineEntered(string from, string to) => sources.Entries
        .Where(e => (string?)e["kind"] == "entered" && string.CompareOrdinal(((string)e["at"]!)[..10], from) >= 0 && string.CompareOrdinal(((string)e["at"]!)[..10], to) <= 0)
        .GroupBy(e => (string)e["journey"]!).ToDictionary(g => g.Key, g => (long)g.Count());

    [Fact]
    public void Report_TimelineFromTo_CountsOnlyTheEntriesOfThoseDays()
    {
        var (from, to) = MiddleWindow();

        var report = Json("--timeline", sources.Timeline, "--from", from, "--to", to);

        Assert.Equal(from, (string?)report["from"]);
        Assert.Equal(to, (string?)report["to"]);
        Assert.All(report["journeys"]!.SelectMany(j => j["days"]!), d => Assert.InRange((string)d["day"]!, from, to));
        var expected = TimelineEntered(from, to);
        var actual = EnteredByJourney(report);
        Assert.True(expected.Values.Sum() > 0);
        Assert.True(expected.Values.Sum() < TimelineEntered("0000-01-01", "9999-12-31").Values.Sum());
        Assert.All(actual, a => Assert.Equal(expected.GetValueOrDefault(a.Key), a.Value));
    }

    [Fact]
    public void Report_DatabaseFromTo_CountsWhatTheTimelineCountsForThoseDays()
    {
        var (from, to) = MiddleWindow();

        var all = Json("--db", sources.Database);
        var window = Json("--db", sources.Database, "--from", from, "--to", to);
        var timeline = Json("--timeline", sources.Timeline, "--from", from, "--to", to);

        Assert.All(window["journeys"]!.SelectMany(j => j["days"]!), d => Assert.InRange((string)d["day"]!, from, to));
        Assert.True(EnteredByJourney(window).Values.Sum() < EnteredByJourney(all).Values.Sum());
        Assert.Equal(TimelineEntered(from, to).Where(e => e.Value > 0).OrderBy(e => e.Key), EnteredByJourney(window).Where(e => e.Value > 0).OrderBy(e => e.Key));
        Assert.Equal(EnteredByJourney(timeline), EnteredByJourney(window));
    }

    [Fact]
    public void Report_GzipTimelineWithAnyName_SameReportAsThePlainFile()
    {
        var gz = Path.Combine(sources.Temp, "timeline-copy.jsonl");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        using (var plain = File.OpenRead(sources.Timeline))
        {
            plain.CopyTo(zip);
        }

        var fromGzip = Json("--timeline", gz, "--events", sources.Events, "--profiles", sources.Profiles);
        var fromPlain = Json("--timeline", sources.Timeline, "--events", sources.Events, "--profiles", sources.Profiles);

        Assert.Equal("timeline-copy.jsonl", (string?)fromGzip["source"]);
        fromGzip["source"] = fromPlain["source"];
        Assert.True(JToken.DeepEquals(fromPlain, fromGzip));
        Assert.NotEmpty(fromPlain["kpis"]!);
    }

    [Fact]
    public void Report_DatabaseWithDeliveryReports_CountsThemPerStepAndOnlyWhereThereAreAny()
    {
        var db = Path.Combine(sources.Temp, "delivery.db");
        Assert.Equal(0, Engage.Run("serve", "--db", db, "--insecure-plaintext", "--profiles", sources.Profiles, "--events", sources.Events, "--clock", "virtual", "--until-idle").ExitCode);
        var messages = Engage.Run("outbox", "--db", db, "--limit", "100000", "--json").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Sources.Parse)
            .Where(m => (string?)m["message"]!["journey"] == "welcome").ToList();
        var email = messages.Where(m => (string?)m["message"]!["step"] == "welcome-email").ToList();
        Assert.True(email.Count >= 3, $"{email.Count} welcome emails");
        string Report(JObject m, string type, int minutes, string? id = null) => new JObject
        {
            ["id"] = id ?? $"dr-{type}-{(string)m["sequence"]!}",
            ["type"] = type,
            ["customerId"] = m["message"]!["customerId"],
            ["time"] = NodaTime.Text.InstantPattern.ExtendedIso.Parse((string)m["createdAt"]!).Value.Plus(NodaTime.Duration.FromMinutes(minutes)).ToString(),
            ["data"] = new JObject { ["ledgerKey"] = m["message"]!["ledgerKey"], ["channel"] = m["message"]!["channel"], ["provider"] = "test", ["status"] = type },
        }.ToString(Newtonsoft.Json.Formatting.None);
        var lines = new List<string>
        {
            Report(email[0], "message.delivered", 1), Report(email[1], "message.delivered", 1), Report(email[2], "message.bounced", 1),
            Report(email[0], "message.opened", 30), Report(email[0], "message.clicked", 31),
            Report(email[0], "message.opened", 60, id: "dr-opened-again"), // a second open of the same message counts once
            "{\"id\":\"dr-unknown\",\"type\":\"message.delivered\",\"customerId\":\"c000001\",\"time\":\"2026-06-01T00:00:00Z\",\"data\":{\"ledgerKey\":\"no-such/step/1\"}}",
        };
        var reports = Path.Combine(sources.Temp, "delivery.jsonl");
        File.WriteAllLines(reports, lines);
        var fed = Engage.Run("serve", "--db", db, "--insecure-plaintext", "--events", reports, "--clock", "virtual", "--until-idle");
        Assert.True(fed.ExitCode == 0, fed.Error);

        var welcome = Json("--db", db)["journeys"]!.Single(j => (string?)j["id"] == "welcome");
        var step = welcome["steps"]!.Single(s => (string?)s["stepId"] == "welcome-email");
        Assert.Equal(2, (long)step["delivery"]!["delivered"]!);
        Assert.Equal(1, (long)step["delivery"]!["opened"]!);
        Assert.Equal(1, (long)step["delivery"]!["clicked"]!);
        Assert.Equal(1, (long)step["delivery"]!["bounced"]!);
        Assert.All(welcome["steps"]!.Where(s => (string?)s["stepId"] != "welcome-email"), s => Assert.Equal(JTokenType.Null, s["delivery"]!.Type));
        var csv = Path.Combine(sources.Temp, "delivery.csv");
        Assert.Equal(0, Engage.Run("report", "--db", db, "--out", csv).ExitCode);
        var rows = File.ReadAllLines(csv);
        Assert.EndsWith(",delivered,opened,clicked,bounced", rows[0], StringComparison.Ordinal);
        Assert.EndsWith(",2,1,1,1", rows.Single(r => r.StartsWith("welcome,1,welcome-email,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",,,,", rows.Single(r => r.StartsWith("welcome,1,welcome-sms,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var html = Path.Combine(sources.Temp, "delivery.html");
        Assert.Equal(0, Engage.Run("report", "--db", db, "--out", html).ExitCode);
        Assert.Contains("data-step=\"welcome-email\" data-type=\"send\" data-entered=", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Contains("data-delivered=\"2\" data-opened=\"1\" data-clicked=\"1\" data-bounced=\"1\"", File.ReadAllText(html), StringComparison.Ordinal);
        var timelineHtml = Path.Combine(sources.Temp, "no-delivery.html");
        Assert.Equal(0, Engage.Run("report", "--timeline", sources.Timeline, "--out", timelineHtml).ExitCode);
        Assert.DoesNotContain("<th>delivered</th>", File.ReadAllText(timelineHtml), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2026-13-01", "--from: '2026-13-01' is not a date: expected yyyy-MM-dd such as 2026-03-01")]
    [InlineData("--timeline", "none.jsonl", "none.jsonl: file not found")]
    public void Report_BadInput_OneLineExitTwo(string option, string value, string message)
    {
        var args = option == "--timeline" ? new[] { "report", "--timeline", Path.Combine(sources.Temp, value) } : ["report", "--timeline", sources.Timeline, option, value];

        var (code, _, error) = Engage.Run(args);

        Assert.Equal(2, code);
        Assert.EndsWith(message, error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Report_TimelineLineNotAnEntry_NamesFileAndLineExitOne()
    {
        var bad = Path.Combine(sources.Temp, "bad.jsonl");
        File.WriteAllLines(bad, [File.ReadLines(sources.Timeline).First(), "{\"at\":\"2026-03-01T08:00:00Z\",\"kind\":\"shipped\"}"]);

        var (code, _, error) = Engage.Run("report", "--timeline", bad, "--out", Path.Combine(sources.Temp, "bad.html"));

        Assert.Equal(1, code);
        Assert.Equal($"{bad}:2: kind: 'shipped' is not a timeline kind", error.Trim());
    }
}
