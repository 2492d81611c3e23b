using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Commands;

/// <summary>
/// Seeded mutations of the sample events through <c>engage simulate</c> and <c>engage serve</c>: no crash, no run that
/// outgrows its input, every line that cannot be a valid plausible event kept as rejected with its reason, no good line lost.
/// </summary>
public sealed class SampleFuzzTests : IDisposable
{
    private const int Lines = 700;
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData(20261204)]
    [InlineData(7)]
    public void Simulate_MutatedSampleEvents_RejectsEveryBadLineAndStaysWithinItsInput(int seed)
    {
        var clean = File.ReadLines(Path.Combine(Engage.Root, "samples", "events.jsonl")).Take(Lines).ToList();
        var (mutated, touched, bad) = new SampleMutator(seed).Mutate(clean, 0.12);
        var baseline = Simulate(clean, "clean");
        var fuzzed = Simulate(mutated, "fuzzed");

        Assert.NotEmpty(bad);
        var rejected = Rejected(fuzzed);
        Assert.All(bad, line => Assert.True(rejected.ContainsKey(line), $"line {line} is invalid but was not rejected: {Clip(mutated[line - 1])}"));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Value), $"line {r.Key} rejected without a reason"));
        var lostGoodLines = rejected.Keys.Except(touched).Except(Rejected(baseline).Keys).ToList();
        Assert.True(lostGoodLines.Count == 0, $"good lines rejected: {string.Join(", ", lostGoodLines)}");
        Assert.True(fuzzed.Count <= 2 * baseline.Count, $"{fuzzed.Count} timeline entries from mutated input, {baseline.Count} from the clean one");
        var lastEvent = clean.Select(l => (DateTimeOffset)JObject.Parse(l)["time"]!.Value<DateTime>()).Max();
        var lastEntry = fuzzed.Max(e => DateTimeOffset.Parse(e["at"]!.ToString(), CultureInfo.InvariantCulture));
        Assert.True(lastEntry <= lastEvent.AddDays(366 + 365), $"the run went on until {lastEntry:O}");
    }

    [Fact]
    public void Serve_MutatedSampleEvents_KeepsTheSameRejectedLinesAsSimulate()
    {
        var clean = File.ReadLines(Path.Combine(Engage.Root, "samples", "events.jsonl")).Take(Lines).ToList();
        var (mutated, _, bad) = new SampleMutator(99).Mutate(clean, 0.12);
        var simulated = Rejected(Simulate(mutated, "fuzzed"));
        var events = Path.Combine(_temp, "serve.jsonl");
        File.WriteAllLines(events, mutated);
        var db = Path.Combine(_temp, "fuzz.db");

        var (code, output, error) = Engage.Run("serve", "--db", db, "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", events, "--until-idle", "--clock", "virtual", "--insecure-plaintext");

        Assert.True(code == 0, error);
        Assert.DoesNotMatch(UserErrorsTests.StackFrame(), output + error);
        var status = JObject.Parse(Engage.Run("status", "--db", db, "--json").Out);
        Assert.Equal(simulated.Count, (long)status["status"]!["rejectedEvents"]!);
        Assert.True(simulated.Count >= bad.Count);
        var kept = Engage.Run("outbox", "--db", db, "--json");
        Assert.Equal(0, kept.ExitCode);
    }

    private List<JObject> Simulate(IReadOnlyList<string> events, string name)
    {
        var input = Path.Combine(_temp, name + ".jsonl");
        var timeline = Path.Combine(_temp, name + ".timeline.jsonl");
        File.WriteAllLines(input, events);
        var (code, output, error) = Engage.Run("simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", input, "--out", timeline);
        Assert.True(code == 0, error);
        Assert.DoesNotMatch(UserErrorsTests.StackFrame(), output + error);
        return File.ReadLines(timeline).Select(JObject.Parse).ToList();
    }

    /// <summary>Rejected event lines by number, with their reasons.</summary>
    private static Dictionary<int, string> Rejected(IEnumerable<JObject> timeline) => timeline
        .Where(e => (string?)e["kind"] == "rejected" && ((string?)e["detail"])?.StartsWith("events line ", StringComparison.Ordinal) == true)
        .ToDictionary(e => int.Parse(((string)e["detail"]!)["events line ".Length..], CultureInfo.InvariantCulture), e => (string?)e["reason"] ?? string.Empty);

    private static string Clip(string line) => line.Length > 200 ? line[..200] + "…" : line;
}
