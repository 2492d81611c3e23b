using System.Globalization;
using System.Text;
using Engagement.Engine.Timeline;

namespace Engagement.Engine.Simulation;

/// <summary>
/// Counts per journey and step: entered, sent, suppressed (by reason), deferred, failed, tasks, exited (by reason), goals —
/// treated and holdout apart — and per journey the goal conversion of each group. Immutable.
/// </summary>
public sealed class SimulationSummary
{
    private SimulationSummary(IReadOnlyList<JourneySummary> journeys, int rejected)
    {
        Journeys = journeys;
        Rejected = rejected;
    }

    /// <summary>Journeys in id order.</summary>
    public IReadOnlyList<JourneySummary> Journeys { get; }

    /// <summary>Rejected input lines.</summary>
    public int Rejected { get; }

    /// <summary>Counts a timeline.</summary>
    public static SimulationSummary From(IReadOnlyList<TimelineEntry> timeline)
    {
        var journeys = timeline.Where(e => e.Journey is not null).GroupBy(e => e.Journey!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            int Count(TimelineKind kind, bool holdout) => g.Count(e => e.Kind == kind && (e.Holdout ?? false) == holdout);
            var steps = g.Where(e => e.Step is not null).GroupBy(e => e.Step!).OrderBy(s => s.Min(e => e.At)).ThenBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new StepSummary(s.Key, s.GroupBy(e => (e.Kind, e.Reason)).OrderBy(k => k.Key.Kind).ThenBy(k => k.Key.Reason, StringComparer.Ordinal)
                    .Select(k => new KindCount(k.Key.Kind, k.Key.Reason, k.Count())).ToList()))
                .ToList();
            var versions = g.Where(e => e.Kind == TimelineKind.Entered && e.Version is not null).GroupBy(e => e.Version!.Value).OrderBy(v => v.Key)
                .Select(v => new VersionCount(v.Key, v.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).Count())).ToList();
            return new JourneySummary(g.Key, Count(TimelineKind.Entered, false), Count(TimelineKind.Entered, true), Count(TimelineKind.Goal, false), Count(TimelineKind.Goal, true),
                Count(TimelineKind.Sent, false), g.Count(e => e.Kind == TimelineKind.Suppressed), steps) { Versions = versions };
        }).ToList();
        return new SimulationSummary(journeys, timeline.Count(e => e.Kind == TimelineKind.Rejected));
    }

    /// <summary>A plain-text rendering (what the CLI prints without a terminal).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var j in Journeys)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{j.Journey}: entered {j.EnteredTreated} treated + {j.EnteredHoldout} holdout, sent {j.Sent}, suppressed {j.Suppressed}, goal {j.GoalTreated} treated ({Rate(j.GoalTreated, j.EnteredTreated)}) vs {j.GoalHoldout} holdout ({Rate(j.GoalHoldout, j.EnteredHoldout)})\n");
            foreach (var s in j.Steps)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {s.Step}: {string.Join(", ", s.Counts.Select(c => $"{c.Kind.ToString().ToLowerInvariant()}{(c.Reason is null ? string.Empty : $"[{c.Reason}]")} {c.Count}"))}\n");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"rejected input lines: {Rejected}\n");
        return sb.ToString();
    }

    /// <summary>A rate as a percentage with one decimal, or "-" without a denominator.</summary>
    public static string Rate(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>One journey's counts. Immutable.</summary>
public sealed record JourneySummary(string Journey, int EnteredTreated, int EnteredHoldout, int GoalTreated, int GoalHoldout, int Sent, int Suppressed, IReadOnlyList<StepSummary> Steps)
{
    /// <summary>Customers who entered each version.</summary>
    public IReadOnlyList<VersionCount> Versions { get; init; } = [];
}

/// <summary>How many customers entered one version of a journey. Immutable.</summary>
public sealed record VersionCount(int Version, int Customers);

/// <summary>One step's counts by kind and reason. Immutable.</summary>
public sealed record StepSummary(string Step, IReadOnlyList<KindCount> Counts);

/// <summary>A count of timeline entries of one kind (and reason). Immutable.</summary>
public sealed record KindCount(TimelineKind Kind, string? Reason, int Count);
