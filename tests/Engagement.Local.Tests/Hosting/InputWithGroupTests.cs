using Engagement.Local.Hosting;
using Engagement.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary>Input written with the processor's group: each request answered with its own counts after the commit, a write that
/// throws undone alone, nothing queued lost at stop.</summary>
public sealed class InputWithGroupTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static List<string> Events(int from, int count) =>
        Enumerable.Range(from, count).Select(i => TestJourneys.Registered($"e{i}", $"c{i}", "2026-03-02T10:00:00Z")).ToList();

    [Fact]
    public async Task Ingest_EightConcurrentRequestsWithOverlappingIds_EachCountsItsOwnAndEveryEventIsProcessedOnce()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());

        // Request k holds ids 40k .. 40k+49: ten of them shared with request k+1.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(k =>
            Task.Run(async () => await host.IngestAsync(Events(40 * k, 50), $"http-{k}", CancellationToken.None))));
        await IdleAsync(host);

        Assert.Equal(8 * 40 + 10, results.Sum(r => r.Accepted));
        Assert.Equal(7 * 10, results.Sum(r => r.Duplicates));
        Assert.All(results, r => Assert.Equal(50, r.Accepted + r.Duplicates));
        var status = await host.GetStatusAsync(CancellationToken.None);
        Assert.Equal((0, 330), (status.PendingEvents, status.ProcessedEvents));
        Assert.Equal(330, (await OutboxAsync(host)).Count);
    }

    [Fact]
    public async Task Stop_WithRequestsInFlight_EachIsCommittedOrRefusedAndNoneIsLost()
    {
        var catalog = TestJourneys.Write(_files.Root);
        var host = await StartAsync(_files, catalog, Clock());
        var requests = Enumerable.Range(0, 12).Select(k => Task.Run(async () => await host.IngestAsync(Events(100 * k, 100), $"http-{k}", CancellationToken.None))).ToList();
        await Task.Delay(5);

        await host.DisposeAsync();
        var accepted = 0;
        foreach (var request in requests)
        {
            try
            {
                var result = await request;
                Assert.Equal(100, result.Accepted);
                accepted += result.Accepted;
            }
            catch (InvalidOperationException ex)
            {
                Assert.Contains("stopping", ex.Message);
            }
        }

        await using var reopened = Open(_files, catalog, Clock());
        var status = await reopened.GetStatusAsync(CancellationToken.None);
        Assert.Equal(accepted, status.PendingEvents + status.ProcessedEvents);
    }

    [Fact]
    public async Task Group_AWriteThatThrows_IsUndoneAloneAndTheOthersAreCommitted()
    {
        var database = SqliteDatabase.Open(_files.Db);
        using var gate = new SemaphoreSlim(1, 1);
        using var processor = new StimulusProcessor(database, TestJourneys.Write(_files.Root), new EmbeddedHostOptions { DatabasePath = _files.Db }, Clock(), gate,
            _ => "outbox", null, NullLogger.Instance);
        processor.Inputs.Open();
        InputWrite Stat(string name, bool thenThrow) => new(s =>
        {
            s.Execute("INSERT INTO stats (name, value) VALUES ($n, 1)", ("$n", name));
            return thenThrow ? throw new FormatException("bad input " + name) : (1, 0);
        });
        var (first, failing, last) = (Stat("first", false), Stat("failing", true), Stat("last", false));
        processor.Inputs.TryAdd(first);
        processor.Inputs.TryAdd(failing);
        processor.Inputs.TryAdd(last);

        Assert.Equal(0, await processor.RunGroupAsync(CancellationToken.None));

        Assert.Equal((1, 0), await first.Done.Task);
        Assert.Equal((1, 0), await last.Done.Task);
        Assert.Equal("bad input failing", (await Assert.ThrowsAsync<FormatException>(() => failing.Done.Task)).Message);
        using var session = database.Session();
        Assert.Equal(["first", "last"], session.Query("SELECT name FROM stats WHERE name IN ('first', 'failing', 'last') ORDER BY name", r => r.GetString(0)));
    }

    [Fact]
    public async Task Ingest_OnAnIdleHost_IsProcessedAtOnceNotAfterTheIdleWait()
    {
        await using var host = EmbeddedHost.Open(
            new EmbeddedHostOptions { DatabasePath = _files.Db, IdlePoll = TimeSpan.FromMinutes(5) }, TestJourneys.Write(_files.Root), Clock());
        await host.StartAsync(CancellationToken.None);
        await IdleAsync(host);
        await Task.Delay(50);

        await host.IngestAsync(Events(1, 1), "http", CancellationToken.None);

        // Within the 30 s of EventuallyAsync, far less than the five-minute idle wait.
        await EventuallyAsync(async () => (await OutboxAsync(host)).Count == 1, "the message of the one event");
    }
}
