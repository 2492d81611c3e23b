using Engagement.Cli.Samples;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Samples;

public sealed class SampleDataGeneratorTests
{
    private static (string Profiles, string Events, int Count) Generate(SampleDataOptions options)
    {
        using var profiles = new StringWriter();
        using var events = new StringWriter();
        var count = new SampleDataGenerator(options).Write(profiles, events);
        return (profiles.ToString(), events.ToString(), count);
    }

    private static JObject Raw(string line) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject<JObject>(line, new Newtonsoft.Json.JsonSerializerSettings { DateParseHandling = Newtonsoft.Json.DateParseHandling.None })!;

    [Fact]
    public void DefaultOptions_ReproduceTheCommittedSampleFiles()
    {
        var (profiles, events, count) = Generate(SampleDataOptions.Default);

        Assert.Equal(File.ReadAllText(Path.Combine(Engage.Root, "samples", "profiles.jsonl")), profiles);
        Assert.Equal(File.ReadAllText(Path.Combine(Engage.Root, "samples", "events.jsonl")), events);
        Assert.Equal(count, events.Count(c => c == '\n'));
    }

    [Fact]
    public void SameSeed_SameBytes_OtherSeed_OtherData()
    {
        var options = SampleDataOptions.Default with { Customers = 25 };

        Assert.Equal(Generate(options), Generate(options));
        Assert.NotEqual(Generate(options).Events, Generate(options with { Seed = options.Seed + 1 }).Events);
    }

    [Fact]
    public void Output_HasOneProfilePerCustomer_EventsInTimeOrder_AndTheTwoPlantedFeedFaults()
    {
        var (profiles, events, _) = Generate(SampleDataOptions.Default with { Customers = 40 });
        var profileLines = profiles.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var eventLines = events.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(40, profileLines.Select(l => (string?)JObject.Parse(l)["customerId"]).Distinct().Count());
        var times = eventLines.Select(Raw).Where(o => o["customerId"] is not null).Select(o => (string)o["time"]!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Single(eventLines, l => l.Contains("evt-broken-1", StringComparison.Ordinal));
        Assert.Equal(eventLines.Length - 1, eventLines.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Write_EventsSpilledInSortedRunsAndMerged_AreTheBytesOfTheInMemorySort()
    {
        var inMemory = GenerateInChunks(int.MaxValue);
        var spilled = GenerateInChunks(97);

        Assert.True(inMemory.Count > 1_000);
        Assert.Equal(inMemory.Count, spilled.Count);
        Assert.Equal(inMemory.Count, inMemory.Events.Count(c => c == '\n'));
        Assert.Equal(inMemory.Profiles, spilled.Profiles);
        Assert.Equal(inMemory.Events, spilled.Events);
        Assert.Equal(File.ReadAllText(Path.Combine(Engage.Root, "samples", "events.jsonl")), spilled.Events);
    }

    [Fact]
    public void Write_WithProgress_ReportsCustomersThenEventLinesAndWritesTheSameFiles()
    {
        var plain = GenerateInChunks(1_000_000);
        var reports = new List<SampleProgress>();
        using var profiles = new StringWriter();
        using var events = new StringWriter();
        var options = SampleDataOptions.Default;

        var count = new SampleDataGenerator(options) { CustomersPerReport = 100, EventsPerReport = 1_000 }.Write(profiles, events, reports.Add);

        Assert.Equal((plain.Profiles, plain.Events, plain.Count), (profiles.ToString(), events.ToString(), count));
        var generating = reports.TakeWhile(p => p.EventsInAll == 0).ToList();
        var writing = reports.Skip(generating.Count).ToList();
        Assert.Equal(Enumerable.Range(1, options.Customers / 100).Select(i => i * 100L), generating.Select(p => p.Customers));
        Assert.All(generating, p => Assert.Equal(options.Customers, p.CustomersInAll));
        Assert.Equal(Enumerable.Range(1, count / 1_000).Select(i => i * 1_000L), writing.Select(p => p.EventsWritten));
        Assert.All(writing, p => Assert.Equal((count, options.Customers), (p.EventsInAll, p.Customers)));
        Assert.Equal("samples: 2,000 of 7,305 events written", new SampleProgress(10, 10, 2_000, 7_305).ToString());
        Assert.Equal("samples: 300 of 1,000 customers generated", new SampleProgress(300, 1_000, 0, 0).ToString());
    }

    private static (string Profiles, string Events, int Count) GenerateInChunks(int chunkSize)
    {
        using var profiles = new StringWriter();
        using var events = new StringWriter();
        var count = new SampleDataGenerator(SampleDataOptions.Default) { ChunkSize = chunkSize }.Write(profiles, events);
        return (profiles.ToString(), events.ToString(), count);
    }
}
