using Engagement.Local.Hosting;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary>Events the processor wrote itself are handled from memory, with the same outcome as reading them back from the
/// inbox; after a restart they are read back.</summary>
public sealed class EventHandOverTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly TestFiles _other = new();

    public void Dispose()
    {
        _files.Dispose();
        _other.Dispose();
    }

    private static List<string> Events(int count) =>
        Enumerable.Range(0, count).Select(i => TestJourneys.Registered($"e{i}", $"c{i}", "2026-03-02T10:00:00Z")).ToList();

    private static async Task<EmbeddedHost> StartAsync(TestFiles files, int handOverCapacity)
    {
        var host = EmbeddedHost.Open(
            new EmbeddedHostOptions { DatabasePath = files.Db, IdlePoll = TimeSpan.FromMilliseconds(10), HandOverCapacity = handOverCapacity },
            TestJourneys.Write(files.Root), Clock());
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    private static async Task<List<(string LedgerKey, string To, string? Subject, string Body)>> MessagesAsync(EmbeddedHost host) =>
        (await OutboxAsync(host)).Select(o => (o.Message.LedgerKey, o.Message.To, o.Message.Subject, o.Message.Body)).OrderBy(m => m.LedgerKey, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Ingest_WhileTheProcessorRuns_HandlesEveryEventFromMemoryWithTheOutcomeOfReadingItBack()
    {
        await using var handedOver = await StartAsync(_files, HandedOverEventsDefault);
        await using var readBack = await StartAsync(_other, handOverCapacity: 0);

        var before = new long[2];
        foreach (var (host, k) in new[] { (handedOver, 0), (readBack, 1) })
        {
            // The first request may come before the processor's loop takes input into its groups (then it is written on its own).
            await host.IngestAsync([TestJourneys.Registered("first", "c-first", "2026-03-02T10:00:00Z")], "http", CancellationToken.None);
            await IdleAsync(host);
            before[k] = host.Stimuli.HandedOver;
            await host.IngestAsync(Events(60), "http", CancellationToken.None);
            await IdleAsync(host);
        }

        Assert.Equal(60, handedOver.Stimuli.HandedOver - before[0]);
        Assert.Equal(0, readBack.Stimuli.HandedOver);
        Assert.Equal(61, handedOver.Stimuli.Events);
        var messages = await MessagesAsync(handedOver);
        Assert.Equal(61, messages.Count);
        Assert.Equal(await MessagesAsync(readBack), messages);
    }

    [Fact]
    public async Task Restart_EventsAcceptedBeforeIt_AreReadBackFromTheInbox()
    {
        var catalog = TestJourneys.Write(_files.Root);
        var stopped = Open(_files, catalog, Clock());
        await stopped.IngestAsync(Events(5), "http", CancellationToken.None); // not running: written in a transaction of its own
        await stopped.DisposeAsync();

        await using var host = await StartAsync(_files, HandedOverEventsDefault);
        await IdleAsync(host);

        Assert.Equal(5, host.Stimuli.Events);
        Assert.Equal(0, host.Stimuli.HandedOver);
        Assert.Equal(5, (await OutboxAsync(host)).Count);
    }

    private const int HandedOverEventsDefault = Engagement.Local.Storage.HandedOverEvents.DefaultCapacity;
}
