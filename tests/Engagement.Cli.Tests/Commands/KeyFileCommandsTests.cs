using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Commands;

/// <summary>
/// The commands that read a serve database find its key file as <c>engage serve</c> does (<c>--key-file</c>,
/// <c>ENGAGE_KEY_FILE</c>, engage.json's <c>keyFile</c>); <c>engage audit</c> needs none and shows the key changes.
/// </summary>
public sealed class KeyFileCommandsTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void ReadCommands_InAFolderWithEngageJson_UseItsKeyFileAndAuditShowsTheFirstEncryption()
    {
        Assert.Equal(0, Engage.Run("samples", "--customers", "8", "--out", _temp).ExitCode);
        Assert.Equal(0, Engage.RunIn(_temp, "keys", "new", "--out", "keys.json").ExitCode);
        File.WriteAllText(Path.Combine(_temp, "engage.json"), """{ "keyFile": "keys.json" }""");
        var journeys = Path.Combine(Engage.Root, "journeys");

        var served = Engage.RunIn(_temp, "serve", "--journeys", journeys, "--profiles", "profiles.jsonl", "--events", "events.jsonl", "--clock", "virtual", "--until-idle");
        var report = Engage.RunIn(_temp, "report", "--journeys", journeys, "--db", "engage.db", "--format", "json", "--out", "report.json");
        var outbox = Engage.RunIn(_temp, "outbox", "--limit", "2", "--json");
        var audit = Engage.RunIn(_temp, "audit", "--action", "key.change", "--format", "json");
        var keyId = (string)JObject.Parse(File.ReadAllText(Path.Combine(_temp, "keys.json")))["current"]!;

        Assert.True(served.ExitCode == 0, served.Error);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.NotNull(JObject.Parse(File.ReadAllText(Path.Combine(_temp, "report.json")))["kpis"]);
        Assert.True(outbox.ExitCode == 0, outbox.Error);
        var rows = outbox.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Matches("^[+@a-z0-9.]+$", (string?)row["message"]!["to"]));
        Assert.True(audit.ExitCode == 0, audit.Error);
        var change = JObject.Parse(Assert.Single(audit.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(("new file -> " + keyId, "local:" + Environment.UserName), ((string?)change["detail"], (string?)change["who"]));
    }

    [Fact]
    public void Report_WithAConfigThatIsMissing_SaysSoAndExitsTwo()
    {
        File.WriteAllBytes(Path.Combine(_temp, "engage.db"), []);

        var (code, _, error) = Engage.RunIn(_temp, "report", "--journeys", Path.Combine(Engage.Root, "journeys"), "--db", "engage.db", "--config", "nowhere.json");

        Assert.Equal(2, code);
        Assert.StartsWith("nowhere.json: 1 configuration error(s):", error, StringComparison.Ordinal);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }
}
