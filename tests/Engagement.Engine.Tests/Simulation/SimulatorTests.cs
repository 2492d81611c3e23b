using Engagement.Engine.Catalog;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;

namespace Engagement.Engine.Tests.Simulation;

public sealed class SimulatorTests
{
    private static JourneyCatalog Catalog()
    {
        var catalog = JourneyCatalog.Load(RepositoryFiles.Journeys, out var diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }

    private static async Task<string> RunSamplesAsync(JourneyCatalog catalog)
    {
        var result = await new Simulator(catalog).RunAsync(
            File.ReadLines(Path.Combine(RepositoryFiles.Samples, "profiles.jsonl")),
            File.ReadLines(Path.Combine(RepositoryFiles.Samples, "events.jsonl")),
            new SimulationOptions());
        return string.Join('\n', result.Timeline.Select(TimelineJson.Line));
    }

    [Fact]
    public async Task Simulate_SameInputsTwice_GivesByteIdenticalTimelines()
    {
        var first = await RunSamplesAsync(Catalog());
        var second = await RunSamplesAsync(Catalog());
        Assert.True(first.Length > 100_000);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Simulate_Samples_EveryJourneyEntersAndTheBrokenLineIsKeptAsRejected()
    {
        var result = await new Simulator(Catalog()).RunAsync(
            File.ReadLines(Path.Combine(RepositoryFiles.Samples, "profiles.jsonl")),
            File.ReadLines(Path.Combine(RepositoryFiles.Samples, "events.jsonl")),
            new SimulationOptions());

        Assert.All(Catalog().Latest, j => Assert.Contains(result.Timeline, e => e.Journey == j.Id && e.Kind == TimelineKind.Entered));
        var rejected = Assert.Single(result.Timeline, e => e.Kind == TimelineKind.Rejected);
        Assert.Contains("customerId", rejected.Reason);
        Assert.StartsWith("events line ", rejected.Detail);
        Assert.True(result.Timeline.Zip(result.Timeline.Skip(1)).All(p => p.First.At <= p.Second.At), "timeline in time order");
        Assert.DoesNotContain(result.Timeline, e => e.Kind == TimelineKind.Sent && e.Holdout == true);
    }

    [Fact]
    public async Task Simulate_UntilAtManyInstants_NoEntryIsEverAfterUntil()
    {
        // A stale wake-up (its enrollment moved on or ended) at or before `until`, followed in the queue by a live one after
        // it, once let the run take that live one too (found by the 100,000-event crash test: 2 messages past `until`).
        var catalog = Catalog();
        var profiles = File.ReadLines(Path.Combine(RepositoryFiles.Samples, "profiles.jsonl")).ToList();
        var events = File.ReadLines(Path.Combine(RepositoryFiles.Samples, "events.jsonl")).ToList();
        var first = NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0);
        var late = new List<string>();
        for (var hours = 7; hours < 24 * 400; hours += 24 * 29 + 5)
        {
            var until = first + NodaTime.Duration.FromHours(hours);
            var result = await new Simulator(catalog).RunAsync(profiles, events, new SimulationOptions(until));
            // Rejected input lines are recorded at the first event's time, whatever `until` is.
            late.AddRange(result.Timeline.Where(e => e.At > until && e.Kind != TimelineKind.Rejected).Select(e => $"{until}: {e.At} {e.CustomerId} {e.Step} {e.Kind}"));
        }

        Assert.Empty(late);
    }

    [Fact]
    public async Task Simulate_MalformedEventLine_IsRejectedWithItsLineNumberAndTheRunGoesOn()
    {
        var events = new[]
        {
            """{"id":"a","type":"customer.registered","customerId":"x1","time":"2026-01-05T10:00:00Z","data":{}}""",
            """{"id":"b","type":"customer.registered","customerId":"x2","time":"not a time"}""",
            "{ this is not json",
            """{"id":"c","type":"customer.registered","customerId":"x3","time":"2026-01-05T11:00:00Z","data":{},"extra":1}""",
        };
        var result = await new Simulator(Catalog()).RunAsync([], events, new SimulationOptions(NodaTime.Instant.FromUtc(2026, 1, 6, 0, 0)));

        var rejected = result.Timeline.Where(e => e.Kind == TimelineKind.Rejected).ToList();
        Assert.Equal(["events line 2", "events line 3", "events line 4"], rejected.Select(r => r.Detail));
        Assert.StartsWith("time:", rejected[0].Reason);
        Assert.Contains("malformed JSON", rejected[1].Reason);
        Assert.StartsWith("extra:", rejected[2].Reason);
        Assert.Contains(result.Timeline, e => e.CustomerId == "x1" && e.Kind == TimelineKind.Entered);
    }
}
