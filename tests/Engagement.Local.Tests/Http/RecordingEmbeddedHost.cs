using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using Engagement.Engine.Profiles;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Runtime;
using Engagement.Local.Hosting;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Local.Tests.Http;

/// <summary>
/// An <see cref="IEmbeddedHost"/> for the HTTP layer's tests: parses lines with the real <see cref="EventParser"/>, counts a
/// repeated event id as a duplicate, keeps profiles (built by the real <see cref="ProfileEvents"/>) in a dictionary,
/// validates unsubscribe tokens with the real <see cref="UnsubscribeTokens"/>, and records what it was asked.
/// </summary>
internal sealed class RecordingEmbeddedHost(UnsubscribeTokens tokens, Instant now) : IEmbeddedHost, Engagement.Local.Security.IAuditTrail
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerProfile> _customers = new(StringComparer.Ordinal);

    public List<(IReadOnlyList<string> Lines, string Source)> Batches { get; } = [];
    public List<(string CustomerId, string Channel)> Unsubscribed { get; } = [];
    public List<string> Erased { get; } = [];
    public List<TaskQuery> TaskQueries { get; } = [];
    public List<OutboxQuery> OutboxQueries { get; } = [];
    public List<JourneyReport> Journeys { get; } = [];
    public List<TaskView> Tasks { get; } = [];
    public List<OutboxEntry> Outbox { get; } = [];
    public Exception? FailWith { get; set; }

    public ValueTask<IngestResult> IngestAsync(IReadOnlyList<string> lines, string source, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Batches.Add((lines, source));
            int accepted = 0, duplicates = 0;
            var rejected = new List<IngestLineError>();
            for (var i = 0; i < lines.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                if (!EventParser.TryParse(lines[i], out var e, out var field, out var error))
                {
                    rejected.Add(new IngestLineError(i + 1, field, error!, IdOf(lines[i])));
                }
                else if (!_eventIds.Add(e!.Id))
                {
                    duplicates++;
                }
                else
                {
                    accepted++;
                    Apply(e);
                }
            }

            return ValueTask.FromResult(new IngestResult(accepted, duplicates, rejected));
        }
    }

    public List<(InboundItem Item, string Source)> InboundRejected { get; } = [];
    public List<(CustomerEvent Event, string Source)> InboundAccepted { get; } = [];

    public ValueTask<InboundResult> IngestInboundAsync(Func<Instant, IReadOnlyList<InboundItem>> read, string source, CancellationToken cancellationToken)
    {
        var items = read(now);
        lock (_gate)
        {
            var added = new Dictionary<InboundItem, int>(ReferenceEqualityComparer.Instance);
            foreach (var item in items)
            {
                if (item.IsRejected)
                {
                    InboundRejected.Add((item, source));
                    continue;
                }

                foreach (var e in item.Events.Where(e => _eventIds.Add(e.Id)))
                {
                    added[item] = added.GetValueOrDefault(item) + 1;
                    InboundAccepted.Add((e, source));
                    Apply(e);
                }
            }

            return ValueTask.FromResult(InboundResult.Count(items, item => added.GetValueOrDefault(item)));
        }
    }

    public ValueTask<CustomerView?> GetCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            return ValueTask.FromResult(_customers.TryGetValue(customerId, out var p) ? new CustomerView(p, [], []) : null);
        }
    }

    public ValueTask<bool> EraseCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var known = _customers.Remove(customerId);
            if (known)
            {
                Erased.Add(customerId);
            }

            return ValueTask.FromResult(known);
        }
    }

    public ValueTask<IReadOnlyList<JourneyReport>> GetJourneysAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return ValueTask.FromResult<IReadOnlyList<JourneyReport>>(Journeys);
    }

    public ValueTask<IReadOnlyList<TaskView>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            TaskQueries.Add(query);
            return ValueTask.FromResult<IReadOnlyList<TaskView>>(Tasks
                .Where(t => (query.Queue is null || t.Task.Queue == query.Queue) && (query.CustomerId is null || t.Task.CustomerId == query.CustomerId))
                .Take(query.Limit).ToList());
        }
    }

    public ValueTask<IReadOnlyList<OutboxEntry>> ListOutboxAsync(OutboxQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            OutboxQueries.Add(query);
            return ValueTask.FromResult<IReadOnlyList<OutboxEntry>>(Outbox
                .Where(o => o.Sequence > query.AfterSequence && (query.Channel is null || o.Message.Channel == query.Channel))
                .Where(o => query.CustomerId is null || o.Message.CustomerId == query.CustomerId)
                .Take(query.Limit).ToList());
        }
    }

    /// <summary>Every recorded event counts as a committed event stimulus (this stand-in runs no journeys).</summary>
    public StimulusCounts Stimuli
    {
        get
        {
            lock (_gate)
            {
                return StimulusCounts.None with { Events = _eventIds.Count };
            }
        }
    }

    public ValueTask<HostStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            return ValueTask.FromResult(new HostStatus(0, _eventIds.Count, 0, 0, 0, now + Duration.FromHours(1), Outbox.Count, 0, 0, Tasks.Count));
        }
    }

    /// <summary>What the API recorded in the audit trail.</summary>
    public List<Engagement.Local.Security.AuditEvent> Audited { get; } = [];

    public ValueTask AppendAsync(IReadOnlyList<Engagement.Local.Security.AuditEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Audited.AddRange(events);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<Engagement.Local.Security.AuditEntry>> ListAsync(Engagement.Local.Security.AuditQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the recording host only records");

    public ValueTask<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!tokens.TryValidate(token, now, out var customerId, out var channel, out _))
            {
                return ValueTask.FromResult(false);
            }

            Unsubscribed.Add((customerId!, channel!));
            return ValueTask.FromResult(true);
        }
    }

    private void Apply(CustomerEvent e)
    {
        _customers.TryGetValue(e.CustomerId, out var profile);
        if (ProfileEvents.Apply(profile, e) is { } changed)
        {
            _customers[e.CustomerId] = changed;
        }
    }

    private void ThrowIfFailing()
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }
    }

    private static string? IdOf(string line)
    {
        try
        {
            return JObject.Parse(line)["id"] is JValue { Type: JTokenType.String } id ? (string?)id : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
