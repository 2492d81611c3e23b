using System.Text.RegularExpressions;
using Engagement.Journeys.Parsing;

namespace Engagement.Cli.Tests.Commands;

public sealed partial class EngageCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Validate_ShippedJourneys_ExitsZero()
    {
        var (code, _, error) = Engage.Run("validate", "journeys");
        Assert.Equal(0, code);
        Assert.Contains("journeys valid", error);
    }

    [Fact]
    public void Validate_BrokenJourney_PrintsFileLineColumnPerProblemAndExitsOne()
    {
        var dir = Path.Combine(_temp, "journeys");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "bad.json"), """
            {
              "id": "bad",
              "version": 1,
              "name": "Bad",
              "trigger": { "event": "x", "whn": "event.a == 1" },
              "start": "a",
              "steps": {
                "a": { "type": "waitForEvent", "event": "y", "next": "b", "onTimeout": "b" },
                "b": { "type": "wait", "duration": "one day", "next": "c" }
              }
            }
            """);
        var (code, output, _) = Engage.Run("validate", dir);

        Assert.Equal(1, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(FileLineColumn(), l));
        Assert.Contains(lines, l => l.Contains(":5:") && l.Contains("unknown field 'whn'") && l.Contains("did you mean 'when'"));
        Assert.Contains(lines, l => l.Contains(":8:") && l.Contains("JNY009"));
        Assert.Contains(lines, l => l.Contains(":9:") && l.Contains("JNY010"));
        Assert.Contains(lines, l => l.Contains("'c'") && l.Contains("JNY006"));
    }

    [Fact]
    public void Simulate_SameInputsTwice_WritesByteIdenticalTimelines()
    {
        var first = Path.Combine(_temp, "a.jsonl");
        var second = Path.Combine(_temp, "b.jsonl");
        foreach (var output in new[] { first, second })
        {
            var (code, stdout, error) = Engage.Run("simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", "--out", output);
            Assert.True(code == 0, error);
            Assert.Contains("welcome", stdout);
        }

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Contains("\"kind\":\"rejected\"", File.ReadAllText(first));
    }

    [Fact]
    public void Test_ShippedScenarios_AllPass()
    {
        var (code, output, _) = Engage.Run("test", "journeys/tests");
        Assert.Equal(0, code);
        Assert.Matches(@"scenarios: \d+ passed, 0 failed", output);
    }

    [Fact]
    public void Readme_JourneyExample_IsAValidJourney()
    {
        var readme = File.ReadAllText(Path.Combine(Engage.Root, "README.md"));
        var json = JsonBlock().Match(readme).Groups[1].Value;
        var templates = new HashSet<string> { "welcome", "welcome-nudge" };
        var ok = JourneyParser.TryParse("README.md", json, new JourneyParseContext(templates, new Dictionary<string, Journeys.Scheduling.WorkingCalendar>()), out var journey, out var errors);
        Assert.True(ok, string.Join("\n", errors));
        Assert.Equal("welcome", journey!.Id);
    }

    [Fact]
    public void Readme_MainCommand_RunsAsWritten()
    {
        var readme = File.ReadAllText(Path.Combine(Engage.Root, "README.md"));
        var command = MainCommand().Match(readme).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("--report out/report.html", string.Join(' ', command));
        Assert.Contains("to **`out/report.html`**", readme);
        var output = Path.Combine(_temp, "timeline.jsonl");
        var report = Path.Combine(_temp, "report.html");
        var args = command.Select(a => a switch { "out/timeline.jsonl" => output, "out/report.html" => report, _ => a }).ToArray();
        var (code, stdout, error) = Engage.Run(args);
        Assert.True(code == 0, error);
        Assert.True(File.ReadLines(output).Count() > 1000);
        Assert.Contains("complaint-recovery", stdout);
        Assert.Contains($"report: {report} (html, 10 journeys, KPIs)", error);
        var html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(10, Regex.Matches(html, "<svg[^>]* class=\"journey\"").Count);
    }

    [GeneratedRegex(@"^.+?:\d+:\d+: .+ \[[A-Z]{3}\d{3}\]$")]
    private static partial Regex FileLineColumn();

    [GeneratedRegex("## A journey\\s+```json\\s+(\\{.*?\\n\\})\\s+```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"dotnet run --project src/Engagement.Cli -- (simulate [^\n]+)")]
    private static partial Regex MainCommand();
}
