using Engagement.Cli.Samples;

namespace Engagement.Cli.Tests.Samples;

public sealed class SampleDataGeneratorTests
{
    private static (string Profiles, string Events, int Count) Generate(int chunkSize)
    {
        var profiles = new StringWriter();
        var events = new StringWriter();
        var count = new SampleDataGenerator(SampleDataOptions.Default with { Customers = 300 }) { ChunkSize = chunkSize }.Write(profiles, events);
        return (profiles.ToString(), events.ToString(), count);
    }

    [Fact]
    public void Write_EventsSpilledInSortedRunsAndMerged_AreTheBytesOfTheInMemorySort()
    {
        var inMemory = Generate(int.MaxValue);
        var spilled = Generate(97);

        Assert.True(inMemory.Count > 1_000);
        Assert.Equal(inMemory.Count, spilled.Count);
        Assert.Equal(inMemory.Count, inMemory.Events.Count(c => c == '\n'));
        Assert.Equal(inMemory.Profiles, spilled.Profiles);
        Assert.Equal(inMemory.Events, spilled.Events);
    }

    [Fact]
    public void Write_DefaultSamples_AreTheCommittedSampleFiles()
    {
        var (profiles, events, _) = Generate(97);

        Assert.Equal(File.ReadAllText(Path.Combine(Engage.Root, "samples", "profiles.jsonl")), profiles);
        Assert.Equal(File.ReadAllText(Path.Combine(Engage.Root, "samples", "events.jsonl")), events);
    }
}
