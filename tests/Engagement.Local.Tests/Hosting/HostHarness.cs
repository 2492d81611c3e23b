using Engagement.Engine.Catalog;
using Engagement.Engine.Ports;
using Engagement.Local.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace Engagement.Local.Tests.Hosting;

/// <summary>Opens hosts on a test's database with a fake clock, and waits for conditions with a deadline (never a fixed sleep).</summary>
internal static class HostHarness
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 10, 0);

    public static EmbeddedHost Open(TestFiles files, JourneyCatalog catalog, IClock clock, ClockMode mode = ClockMode.Real,
        IReadOnlyDictionary<string, IChannelSender>? transports = null, byte[]? unsubscribeKey = null) =>
        EmbeddedHost.Open(
            new EmbeddedHostOptions
            {
                DatabasePath = files.Db, Clock = mode, IdlePoll = TimeSpan.FromMilliseconds(10), UnsubscribeKey = unsubscribeKey,
                UnsubscribeBaseUrl = unsubscribeKey is null ? null : "https://shop.example/u",
            },
            catalog, clock, transports);

    public static async Task<EmbeddedHost> StartAsync(TestFiles files, JourneyCatalog catalog, IClock clock, ClockMode mode = ClockMode.Real,
        IReadOnlyDictionary<string, IChannelSender>? transports = null, byte[]? unsubscribeKey = null)
    {
        var host = Open(files, catalog, clock, mode, transports, unsubscribeKey);
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    public static async Task IdleAsync(EmbeddedHost host)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.WaitUntilIdleAsync(deadline.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after 30 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for: " + what);
            await Task.Delay(10);
        }
    }

    public static async Task<IReadOnlyList<OutboxEntry>> OutboxAsync(EmbeddedHost host, string? customer = null) =>
        await host.ListOutboxAsync(new OutboxQuery(Limit: 1000, CustomerId: customer), CancellationToken.None);

    public static FakeClock Clock() => new(Start);
}
