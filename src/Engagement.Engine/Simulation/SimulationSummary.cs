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

    /// <summary>Counts a timeline (through <see cref="SummaryCounter"/>, which a streamed run feeds entry by entry).</summary>
    public static SimulationSummary From(IEnumerable<TimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var counter = new SummaryCounter();
        foreach (var e in timeline)
        {
            counter.Add(e);
        }

        return counter.Build();
    }

    internal static SimulationSummary Create(IReadOnlyList<JourneySummary> journeys, int rejected) => new(journeys, rejected);

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
