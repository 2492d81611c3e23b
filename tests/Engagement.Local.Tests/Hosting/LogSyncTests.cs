using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Local.Hosting;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary>Commits synced to disk off the processor's thread: nothing a commit holds is acknowledged, listed or handed to a
/// transport before its fsync.</summary>
public sealed class LogSyncTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly ManualResetEventSlim _disk = new(initialState: true);

    public void Dispose()
    {
        _disk.Set();
        _disk.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Ingest_WhileTheLogsFsyncIsHeld_IsAnsweredAndItsMessageListedAndSentOnlyAfterIt()
    {
        var transport = new CountingTransport();
        await using var host = EmbeddedHost.Open(
            new EmbeddedHostOptions
            {
                DatabasePath = _files.Db, IdlePoll = TimeSpan.FromMilliseconds(10),
                WalFlush = h =>
                {
                    Assert.True(_disk.Wait(TimeSpan.FromSeconds(60)), "the test never released the disk");
                    RandomAccess.FlushToDisk(h);
                },
            },
            TestJourneys.Write(_files.Root), Clock(), new Dictionary<string, IChannelSender> { ["email"] = transport });
        await host.StartAsync(CancellationToken.None);
        await host.IngestAsync([TestJourneys.Registered("e0", "c0", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await IdleAsync(host); // the loop runs, and its first sync (of what earlier processes left) is done

        _disk.Reset();
        var ingest = host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None).AsTask();
        await EventuallyAsync(async () => (await host.GetStatusAsync(CancellationToken.None)).ProcessedEvents == 2, "the event processed (committed, not yet synced)");
        await Task.Delay(100);

        Assert.False(ingest.IsCompleted, "answered before its commit was on disk");
        Assert.Single(await OutboxAsync(host)); // c0's message only
        Assert.False(await host.IsIdleAsync(CancellationToken.None));
        Assert.Equal(1, transport.Calls);

        _disk.Set();
        Assert.Equal(1, (await ingest).Accepted);
        await IdleAsync(host);
        Assert.Equal(["delivered", "delivered"], (await OutboxAsync(host)).Select(r => r.State));
        Assert.Equal(2, transport.Calls);
    }

    /// <summary>Counts its calls and answers sent.</summary>
    private sealed class CountingTransport : IChannelSender
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Channel => "email";

        public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(new SendResult(SendStatus.Sent, "p-1", null));
        }
    }
}
