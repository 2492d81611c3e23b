using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// Builds a <see cref="SimulationSummary"/> from counters, one timeline entry at a time, so a run need not keep its entries:
/// counts per journey, per step and (kind, reason), the step's first instant for the step order, and per journey version the
/// distinct customers who entered it. Entries may come in any order. Not thread-safe.
/// </summary>
public sealed class SummaryCounter
{
    private readonly Dictionary<string, JourneyCounts> _journeys = new(StringComparer.Ordinal);
    private int _rejected;

    /// <summary>Entries counted.</summary>
    public long Entries { get; private set; }

    /// <summary>Counts one entry.</summary>
    public void Add(TimelineEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Entries++;
        if (e.Kind == TimelineKind.Rejected)
        {
            _rejected++;
        }

        if (e.Journey is null)
        {
            return;
        }

        if (!_journeys.TryGetValue(e.Journey, out var j))
        {
            _journeys[e.Journey] = j = new JourneyCounts();
        }

        var holdout = e.Holdout ?? false;
        switch (e.Kind)
        {
            case TimelineKind.Entered:
                j.Entered[holdout ? 1 : 0]++;
                if (e.Version is { } v)
                {
                    if (!j.Versions.TryGetValue(v, out var customers))
                    {
                        j.Versions[v] = customers = new HashSet<string?>(StringComparer.Ordinal);
                    }

                    customers.Add(e.CustomerId);
                }

                break;
            case TimelineKind.Goal:
                j.Goal[holdout ? 1 : 0]++;
                break;
            case TimelineKind.Sent when !holdout:
                j.Sent++;
                break;
            case TimelineKind.Suppressed:
                j.Suppressed++;
                break;
        }

        if (e.Step is null)
        {
            return;
        }

        if (!j.Steps.TryGetValue(e.Step, out var step))
        {
            j.Steps[e.Step] = step = new StepCounts(e.At);
        }
        else if (e.At < step.First)
        {
            step.First = e.At;
        }

        var key = (e.Kind, e.Reason);
        step.Counts[key] = step.Counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Adds what <paramref name="other"/> counted over other customers (a partition of the same run): every count adds
    /// up, since no customer is in both; a step's first instant is the earlier of the two. <paramref name="other"/> is unchanged.</summary>
    public void Add(SummaryCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Entries += other.Entries;
        _rejected += other._rejected;
        foreach (var (journey, theirs) in other._journeys)
        {
            if (!_journeys.TryGetValue(journey, out var j))
            {
                _journeys[journey] = j = new JourneyCounts();
            }

            for (var i = 0; i < 2; i++)
            {
                j.Entered[i] += theirs.Entered[i];
                j.Goal[i] += theirs.Goal[i];
            }

            j.Sent += theirs.Sent;
            j.Suppressed += theirs.Suppressed;
            foreach (var version in theirs.Versions.Keys.Union(theirs.OtherCustomers.Keys))
            {
                j.OtherCustomers[version] = j.OtherCustomers.GetValueOrDefault(version) + theirs.CustomersIn(version);
            }

            foreach (var (name, step) in theirs.Steps)
            {
                if (!j.Steps.TryGetValue(name, out var mine))
                {
                    j.Steps[name] = mine = new StepCounts(step.First);
                }
                else if (step.First < mine.First)
                {
                    mine.First = step.First;
                }

                foreach (var (key, count) in step.Counts)
                {
                    mine.Counts[key] = mine.Counts.GetValueOrDefault(key) + count;
                }
            }
        }
    }

    /// <summary>The summary of everything counted so far.</summary>
    public SimulationSummary Build() => SimulationSummary.Create(
        _journeys.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => new JourneySummary(
            j.Key, j.Value.Entered[0], j.Value.Entered[1], j.Value.Goal[0], j.Value.Goal[1], j.Value.Sent, j.Value.Suppressed,
            j.Value.Steps.OrderBy(s => s.Value.First).ThenBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new StepSummary(s.Key, s.Value.Counts.OrderBy(c => c.Key.Kind).ThenBy(c => c.Key.Reason, StringComparer.Ordinal)
                    .Select(c => new KindCount(c.Key.Kind, c.Key.Reason, c.Value)).ToList()))
                .ToList())
        {
            Versions = j.Value.Versions.Keys.Union(j.Value.OtherCustomers.Keys).Order()
                .Select(v => new VersionCount(v, j.Value.CustomersIn(v))).ToList(),
        }).ToList(),
        _rejected);

    private sealed class JourneyCounts
    {
        public int[] Entered { get; } = new int[2];
        public int[] Goal { get; } = new int[2];
        public int Sent { get; set; }
        public int Suppressed { get; set; }
        public Dictionary<string, StepCounts> Steps { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, HashSet<string?>> Versions { get; } = [];

        /// <summary>Per version, the customers counted by other partitions (<see cref="Add(SummaryCounter)"/>).</summary>
        public Dictionary<int, int> OtherCustomers { get; } = [];

        /// <summary>Distinct customers who entered <paramref name="version"/>, here and in the partitions added.</summary>
        public int CustomersIn(int version) => (Versions.TryGetValue(version, out var mine) ? mine.Count : 0) + OtherCustomers.GetValueOrDefault(version);
    }

    private sealed class StepCounts(Instant first)
    {
        public Instant First { get; set; } = first;
        public Dictionary<(TimelineKind Kind, string? Reason), int> Counts { get; } = [];
    }
}
