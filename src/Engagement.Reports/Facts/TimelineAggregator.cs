using Engagement.Engine.Timeline;

namespace Engagement.Reports.Facts;

/// <summary>Adds a timeline up into <see cref="ReportFacts"/>: the same counters the serve database keeps, plus distinct recipients.</summary>
public sealed class TimelineAggregator(ReportPeriod period)
{
    private readonly Dictionary<ReportFactKey, long> _counts = [];
    private readonly Dictionary<(string, int, string), HashSet<string>> _recipients = [];

    /// <summary>Counts one entry (entries outside the period or any journey are skipped).</summary>
    public void Add(TimelineEntry entry)
    {
        if (ReportFactKey.Of(entry) is not { } key || !period.Contains(key.Day))
        {
            return;
        }

        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        if (entry.Kind == TimelineKind.Sent && entry.CustomerId is { } customer)
        {
            var step = (key.Journey, key.Version, key.Step);
            if (!_recipients.TryGetValue(step, out var set))
            {
                _recipients[step] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(customer);
        }
    }

    /// <summary>The facts so far, in a stable order.</summary>
    public ReportFacts Build(string source) => new(
        source,
        period,
        _counts.OrderBy(c => c.Key.Day, StringComparer.Ordinal).ThenBy(c => c.Key.Journey, StringComparer.Ordinal).Select(c => new ReportFact(c.Key, c.Value)).ToList(),
        _recipients.ToDictionary(r => r.Key, r => (long)r.Value.Count));

    /// <summary>Adds up a whole timeline.</summary>
    public static ReportFacts FromTimeline(IEnumerable<TimelineEntry> timeline, ReportPeriod period, string source)
    {
        var aggregator = new TimelineAggregator(period);
        foreach (var e in timeline)
        {
            aggregator.Add(e);
        }

        return aggregator.Build(source);
    }
}
