using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using NodaTime;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

public sealed class DispatcherTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Dispatch_TransientFailures_AreRetriedAfterTheBackoffThenDelivered()
    {
        var clock = Clock();
        var transport = new ScriptedTransport(SendStatus.TransientFailure, SendStatus.TransientFailure, SendStatus.Sent);
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root, maxAttempts: 3), clock, transports: transport.AsMap());
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await EventuallyAsync(() => Task.FromResult(transport.Calls.Count == 1), "the first attempt");
        await IdleAsync(host);

        var afterFirst = Assert.Single(await OutboxAsync(host));
        clock.Advance(Duration.FromMinutes(1));
        await EventuallyAsync(() => Task.FromResult(transport.Calls.Count == 2), "the second attempt");
        clock.Advance(Duration.FromMinutes(1));
        await EventuallyAsync(async () => (await OutboxAsync(host))[0].State == "delivered", "delivery");
        clock.Advance(Duration.FromMinutes(10));
        await IdleAsync(host);

        Assert.Equal(("pending", 1, "scripted", "transient"), (afterFirst.State, afterFirst.Attempts, afterFirst.Transport, afterFirst.LastError));
        var delivered = Assert.Single(await OutboxAsync(host));
        Assert.Equal((3, (string?)null), (delivered.Attempts, delivered.LastError));
        Assert.Equal(3, transport.Calls.Count);
        Assert.All(transport.Calls, c => Assert.Equal(delivered.Message.LedgerKey, c.LedgerKey));
    }

    [Fact]
    public async Task Dispatch_AttemptsRunOut_TheRowFailsWithTheReasonAndIsNotHandedOverAgain()
    {
        var clock = Clock();
        var transport = new ScriptedTransport(SendStatus.TransientFailure, SendStatus.TransientFailure, SendStatus.Sent);
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root, maxAttempts: 2), clock, transports: transport.AsMap());
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await EventuallyAsync(() => Task.FromResult(transport.Calls.Count == 1), "the first attempt");
        clock.Advance(Duration.FromMinutes(1));
        await EventuallyAsync(async () => (await OutboxAsync(host))[0].State == "failed", "failure");
        clock.Advance(Duration.FromMinutes(10));
        await IdleAsync(host);

        var failed = Assert.Single(await OutboxAsync(host));
        Assert.Equal((2, "retries-exhausted: transient"), (failed.Attempts, failed.LastError));
        Assert.Equal(2, transport.Calls.Count);
        Assert.Equal(1, (await host.GetStatusAsync(CancellationToken.None)).OutboxFailed);
    }

    [Fact]
    public async Task Dispatch_PermanentFailure_FailsAtOnce()
    {
        var transport = new ScriptedTransport(SendStatus.PermanentFailure);
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock(), transports: transport.AsMap());
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await EventuallyAsync(async () => (await OutboxAsync(host)) is [{ State: "failed" }], "failure");

        Assert.Equal("permanent-failure: permanent", (await OutboxAsync(host))[0].LastError);
        Assert.Single(transport.Calls);
    }

    [Fact]
    public async Task Dispatch_InvalidContact_FailsTheRowAndTheProfileMarksTheChannelInvalid()
    {
        var transport = new ScriptedTransport(SendStatus.InvalidContact);
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock(), transports: transport.AsMap());
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await EventuallyAsync(async () => await host.GetCustomerAsync("c1", CancellationToken.None) is { } view && view.Profile.InvalidChannels.Contains("email"), "the channel marked invalid");

        Assert.Equal(("failed", "invalid-contact: permanent"), ((await OutboxAsync(host))[0].State, (await OutboxAsync(host))[0].LastError));
        Assert.Single(transport.Calls);
    }

    [Fact]
    public async Task Dispatch_MoreMessagesThanOneBatch_EachIsHandedOverOnceAndRecordedDelivered()
    {
        var transport = new ScriptedTransport(SendStatus.Sent);
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock(), transports: transport.AsMap());
        var lines = Enumerable.Range(1, 300).Select(i => TestJourneys.Registered($"e{i}", $"c{i}", "2026-03-02T10:00:00Z")).ToList();
        await host.IngestAsync(lines, "test", CancellationToken.None);
        await EventuallyAsync(async () => (await OutboxAsync(host)).Count(r => r.State == "delivered") == 300, "300 deliveries");
        await IdleAsync(host);

        var outbox = await OutboxAsync(host);
        Assert.Equal(300, outbox.Count);
        Assert.All(outbox, r => Assert.Equal(("delivered", 1, (string?)null), (r.State, r.Attempts, r.LastError)));
        lock (transport.Calls)
        {
            Assert.Equal(300, transport.Calls.Count);
            Assert.Equal(300, transport.Calls.Select(c => c.LedgerKey).Distinct().Count());
        }
    }

    [Fact]
    public async Task Dispatch_StopWhileATransportCallIsInFlight_RecordsItsAnswerOnceTheProcessorHasStopped()
    {
        var transport = new BlockingTransport();
        var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock(), transports: new Dictionary<string, IChannelSender> { ["email"] = transport });
        await host.IngestAsync([TestJourneys.Registered("e1", "c1", "2026-03-02T10:00:00Z")], "test", CancellationToken.None);
        await transport.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = host.StopAsync(CancellationToken.None);
        await Task.Delay(100); // the processor's loop ends (its input queue closes) while the call is still in flight
        transport.Answer.SetResult(new SendResult(SendStatus.Sent, "p-late", null));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await host.DisposeAsync();

        await using var reopened = Open(_files, TestJourneys.Write(_files.Root), Clock());
        var row = Assert.Single(await OutboxAsync(reopened));
        Assert.Equal(("delivered", 1, (string?)null), (row.State, row.Attempts, row.LastError));
        Assert.NotNull(row.DeliveredAt);
    }

    /// <summary>Holds its one call until the test answers it.</summary>
    private sealed class BlockingTransport : IChannelSender
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<SendResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Channel => "email";

        public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            return await Answer.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Answers with the given statuses in turn (the last one from then on) and records every call.</summary>
    private sealed class ScriptedTransport(params SendStatus[] answers) : IChannelSender
    {
        public List<OutboundMessage> Calls { get; } = [];

        public string Channel => "email";

        public IReadOnlyDictionary<string, IChannelSender> AsMap() => new Dictionary<string, IChannelSender> { ["email"] = this };

        public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(message);
                var status = answers[Math.Min(Calls.Count, answers.Length) - 1];
                return ValueTask.FromResult(new SendResult(status, status == SendStatus.Sent ? "p-1" : null, status == SendStatus.Sent ? null : status == SendStatus.TransientFailure ? "transient" : "permanent"));
            }
        }
    }
}
