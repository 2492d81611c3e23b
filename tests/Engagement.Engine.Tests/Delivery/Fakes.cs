using System.Collections.Concurrent;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Engine.Profiles;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Tests.Delivery;

/// <summary>In-memory ledger for tests: reservation is atomic per key.</summary>
internal sealed class FakeLedger : IMessageLedger
{
    public ConcurrentDictionary<string, LedgerEntry> Entries { get; } = new(StringComparer.Ordinal);

    public ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(Entries.TryAdd(entry.Key, entry));

    public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        Entries[entry.Key] = entry;
        return ValueTask.CompletedTask;
    }

    public ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Entries.TryGetValue(key, out var e) ? e : null);

    public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(Entries.Values.Where(e => e.CustomerId == customerId && e.SentAt >= since).OrderBy(e => e.Key, StringComparer.Ordinal).ToList());
}

/// <summary>Renders "template|channel|locale|unsubscribe-link"; templates in <see cref="Missing"/> do not exist.</summary>
internal sealed class FakeRenderer : ITemplateRenderer
{
    public HashSet<string> Missing { get; } = [];

    public List<TemplateRequest> Requests { get; } = [];

    public bool Exists(string templateId, string channel) => !Missing.Contains(templateId);

    public RenderedTemplate? Render(TemplateRequest request)
    {
        Requests.Add(request);
        if (Missing.Contains(request.TemplateId))
        {
            return null;
        }

        request.Links.TryGetValue("unsubscribe", out var link);
        return new RenderedTemplate(request.Locales[0], "Subject", $"{request.TemplateId}|{request.Channel}|{link}");
    }

    public string RenderText(string liquid, TemplateRequest model) => liquid;
}

/// <summary>A sender that answers from a script (then Sent) and records every call.</summary>
internal sealed class FakeSender(string channel) : IChannelSender
{
    public string Channel { get; } = channel;

    public Queue<SendResult> Script { get; } = new();

    public List<OutboundMessage> Calls { get; } = [];

    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Calls.Add(message);
        return ValueTask.FromResult(Script.Count > 0 ? Script.Dequeue() : SendResult.Ok("p-" + Calls.Count));
    }
}

internal sealed class FakeProfiles : IProfileStore
{
    public Dictionary<string, CustomerProfile> Profiles { get; } = [];

    public ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Profiles.TryGetValue(customerId, out var p) ? p : null);

    public ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        Profiles[profile.CustomerId] = profile;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken) => ValueTask.FromResult(Profiles.Remove(customerId));
}

internal sealed class FakeTimeline : ITimelineSink
{
    public List<TimelineEntry> Entries { get; } = [];

    public Action<TimelineEntry>? OnRecord { get; set; }

    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        Entries.Add(entry);
        OnRecord?.Invoke(entry);
        return ValueTask.CompletedTask;
    }
}

internal sealed class FakeDeferredQueue : IDeferredSendQueue
{
    public List<(string Key, string CustomerId, Instant DueAt)> Scheduled { get; } = [];

    public ValueTask ScheduleAsync(string ledgerKey, string customerId, Instant dueAt, CancellationToken ct)
    {
        Scheduled.Add((ledgerKey, customerId, dueAt));
        return ValueTask.CompletedTask;
    }
}
