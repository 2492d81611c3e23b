using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Engagement.Engine.Delivery;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Benchmarks;

/// <summary>
/// The delivery guards per message with the default policy (quiet hours, three caps, one suppression rule) against a ledger of
/// 300 sent entries: <c>GuardChecks</c> is the pure decision (caps counted once per batch, as the pipeline does);
/// <c>PipelineDeliver</c> is the whole pipeline with in-memory ports, a no-op renderer and sender. Target: under 2 µs a message.
/// </summary>
[MemoryDiagnoser]
public class GuardBenchmarks
{
    private const int BatchSize = 100;

    private const string PolicyJson = """
        {
          "suppressions": [ { "name": "open-complaint", "when": "profile.openComplaints > 0", "appliesTo": "marketing" } ],
          "quietHours": {
            "channels": { "sms": { "from": "21:00", "to": "08:00" }, "push": { "from": "21:00", "to": "08:00" }, "email": { "from": "22:00", "to": "07:00" } },
            "countries": { "CN": { "sms": { "from": "20:00", "to": "08:00" } } }
          },
          "caps": [
            { "name": "marketing-daily", "max": 1, "window": "day" },
            { "name": "marketing-weekly", "max": 3, "window": "week" },
            { "name": "sms-weekly", "appliesTo": "all", "channel": "sms", "max": 2, "window": "week" }
          ]
        }
        """;

    private static readonly Instant Now = Instant.FromUtc(2026, 3, 4, 4, 0); // 12:00 in Shanghai

    private DeliveryPolicy _policy = DeliveryPolicy.Empty;
    private DeliveryGuards _guards = null!;
    private CustomerProfile _profile = null!;
    private ProfileSnapshot _snapshot = null!;
    private List<LedgerEntry> _ledgerEntries = [];
    private PendingSend[] _sends = [];
    private DeliveryRequest[] _requests = [];
    private DeliveryPipeline _pipeline = null!;

    /// <summary>Builds the policy, profile, ledger and messages.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (!PolicyParser.TryParse("bench.json", PolicyJson, out var policy, out var diagnostics))
        {
            throw new InvalidOperationException(string.Join("\n", diagnostics));
        }

        _policy = policy!;
        _guards = new DeliveryGuards(_policy);
        var granted = Instant.FromUtc(2025, 1, 1, 0, 0);
        _profile = new CustomerProfile
        {
            CustomerId = "c1",
            Email = "c1@example.com",
            Phone = "+8613800000001",
            PushTokens = ["tok"],
            TimeZone = "Asia/Shanghai",
            Locale = "zh-CN",
            Channels = ["push", "sms", "email"],
            Attributes = Value.EmptyObject.With("country", Value.FromString("CN")).With("openComplaints", Value.FromNumber(0)).With("tier", Value.FromString("Gold")),
            Consents = [new ConsentRecord("email", ConsentPurpose.Marketing, true, granted, "b"), new ConsentRecord("sms", ConsentPurpose.Marketing, true, granted, "b"), new ConsentRecord("push", ConsentPurpose.Marketing, false, granted, "b")],
        };
        _snapshot = _profile.ToSnapshot();
        _ledgerEntries = Enumerable.Range(0, 300).Select(i => new LedgerEntry
        {
            Key = $"e{i}/s/1",
            CustomerId = "c1",
            Journey = "j" + (i % 7),
            Step = "s",
            Channel = (i % 3) switch { 0 => "email", 1 => "sms", _ => "push" },
            Marketing = i % 4 != 0,
            Status = LedgerStatus.Sent,
            At = Now - Duration.FromHours(3 * (i + 1)),
            SentAt = Now - Duration.FromHours(3 * (i + 1)),
        }).ToList();
        var journeys = Enumerable.Range(0, 5).Select(i => new JourneyDefinition
        {
            Id = "journey-" + i,
            Version = 1,
            Name = "j",
            Priority = 20 * i,
            Category = i == 0 ? JourneyCategory.Transactional : JourneyCategory.Marketing,
            Trigger = new TriggerDefinition("x", null, null, SourceLocation.None),
            Start = "done",
            Steps = ImmutableDictionary<string, StepDefinition>.Empty,
        }).ToArray();
        _requests = Enumerable.Range(0, BatchSize).Select(i =>
        {
            var journey = journeys[i % journeys.Length];
            var enrollment = EnrollmentState.Create(journey.Id, 1, "c1", "k" + i);
            var channel = (i % 4) switch { 0 => "email", 1 => "sms", 2 => "push", _ => "preferred" };
            return new DeliveryRequest(journey, enrollment, new SendMessage("s" + i, channel, "t", ["email"], 1, $"{enrollment.EnrollmentId}/s{i}/1"), _profile, Now);
        }).ToArray();
        _sends = _requests.Select(PendingSend.From).ToArray();
        _pipeline = new DeliveryPipeline(_policy, new FixedLedger(_ledgerEntries), new NullRenderer(), [new NullSender("email"), new NullSender("sms"), new NullSender("push")], new NullProfiles(), new NullTimeline(), new NullQueue(), null);
    }

    /// <summary>The guard decision per message (a counter per batch of 100, as in the pipeline).</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int GuardChecks()
    {
        var counter = new CapCounter(_policy, _ledgerEntries, Now);
        var sent = 0;
        foreach (var send in _sends)
        {
            var decision = _guards.Check(send, _profile, _snapshot, counter, Now);
            if (decision.Outcome == GuardOutcome.Send)
            {
                counter.Record(send.Category, decision.Channel!);
                sent++;
            }
        }

        return sent;
    }

    /// <summary>The whole pipeline per message, in-memory ports.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public ValueTask PipelineDeliver() => _pipeline.DeliverAsync(_requests, CancellationToken.None);

    private sealed class FixedLedger(List<LedgerEntry> sent) : IMessageLedger
    {
        public ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<LedgerEntry?>(null);

        public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(sent.Where(e => e.SentAt >= since).ToList());
    }

    private sealed class NullRenderer : ITemplateRenderer
    {
        private static readonly RenderedTemplate Rendered = new("zh-CN", "s", "b");

        public bool Exists(string templateId, string channel) => true;

        public RenderedTemplate? Render(TemplateRequest request) => Rendered;

        public string RenderText(string liquid, TemplateRequest model) => liquid;
    }

    private sealed class NullSender(string channel) : IChannelSender
    {
        public string Channel { get; } = channel;

        public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(SendResult.Ok());
    }

    private sealed class NullProfiles : IProfileStore
    {
        public ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<CustomerProfile?>(null);

        public ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }

    private sealed class NullTimeline : ITimelineSink
    {
        public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class NullQueue : IDeferredSendQueue
    {
        public ValueTask ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken ct) => ValueTask.CompletedTask;
    }
}
