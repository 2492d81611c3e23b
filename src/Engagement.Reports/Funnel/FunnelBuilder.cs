using System.Globalization;
using Engagement.Journeys.Definitions;
using Engagement.Reports.Facts;

namespace Engagement.Reports.Funnel;

/// <summary>
/// Builds a <see cref="JourneyFunnel"/> from report facts and the journey definition. Counts of arrows out of waits, branches and
/// splits come from <c>passed</c> and <c>assigned</c> entries; the single next of a send, update or task step is taken by every
/// arrival that did not exit there; arrivals at a step are the journey entries there plus the flow of every arrow into it.
/// </summary>
public static class FunnelBuilder
{
    /// <summary>The funnel of one journey version.</summary>
    public static JourneyFunnel Build(JourneyDefinition d, ReportFacts facts)
    {
        var mine = facts.Of(d.Id, d.Version).ToList();
        var byStepKind = mine.GroupBy(f => (f.Key.Step, f.Key.Kind)).ToDictionary(g => g.Key, g => g.ToList());
        List<ReportFact> At(string step, string kind) => byStepKind.GetValueOrDefault((step, kind)) ?? [];
        long Sum(Func<ReportFactKey, bool> where) => mine.Where(f => where(f.Key)).Sum(f => f.Count);
        long SumAt(string step, string kind, Func<ReportFactKey, bool>? where = null) => At(step, kind).Where(f => where?.Invoke(f.Key) ?? true).Sum(f => f.Count);
        IReadOnlyDictionary<string, long> By(string step, string kind, Func<ReportFactKey, string> key) => At(step, kind).GroupBy(f => key(f.Key), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(f => f.Count), StringComparer.Ordinal);

        var edges = Edges(d).ToList();
        var entered = new Dictionary<string, long>(StringComparer.Ordinal);
        var measured = new Dictionary<(string From, int Index), long>();
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            if (e.Measure is { } m)
            {
                measured[(e.From, i)] = SumAt(e.From, m.Kind, m.Match);
            }
        }

        var exits = new Dictionary<string, long>(StringComparer.Ordinal);
        long Exits(string step) => exits.TryGetValue(step, out var n) ? n : exits[step] = SumAt(step, "exited");
        var resolving = new HashSet<string>(StringComparer.Ordinal);
        long Arrived(string step)
        {
            if (entered.TryGetValue(step, out var known))
            {
                return known;
            }

            if (!resolving.Add(step))
            {
                return 0; // a loop of steps with one next each cannot be walked (the step budget ends it); counted once
            }

            var n = SumAt(step, "entered");
            for (var i = 0; i < edges.Count; i++)
            {
                if (edges[i].To == step)
                {
                    n += Flow(i);
                }
            }

            resolving.Remove(step);
            entered[step] = n;
            return n;
        }

        long Flow(int i) => measured.TryGetValue((edges[i].From, i), out var n) ? n : Math.Max(0, Arrived(edges[i].From) - Exits(edges[i].From));

        var steps = StepTypes.InFileOrder(d).Select(s => new StepFunnel(
            s.Id, StepTypes.Of(s), Arrived(s.Id),
            Enumerable.Range(0, edges.Count).Where(i => edges[i].From == s.Id).Sum(Flow),
            By(s.Id, "sent", k => k.Channel),
            facts.Recipients.GetValueOrDefault((d.Id, d.Version, s.Id)),
            By(s.Id, "suppressed", k => k.Reason),
            SumAt(s.Id, "deferred"),
            By(s.Id, "failed", k => k.Reason),
            SumAt(s.Id, "task"),
            By(s.Id, "exited", k => k.Reason),
            SumAt(s.Id, "goal"),
            facts.Deliveries.GetValueOrDefault((d.Id, d.Version, s.Id)))).ToList();
        var flows = edges.Select((e, i) => new EdgeFlow(e.From, e.To, e.Label, Flow(i))).ToList();
        var days = mine.Where(f => f.Key.Kind is "entered" or "sent" or "goal").GroupBy(f => f.Key.Day, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DayCounts(g.Key, g.Where(f => f.Key.Kind == "entered").Sum(f => f.Count), g.Where(f => f.Key.Kind == "sent").Sum(f => f.Count),
                g.Where(f => f.Key.Kind == "goal").Sum(f => f.Count))).ToList();
        return new JourneyFunnel(d, Sum(k => k.Kind == "entered"), Sum(k => k.Kind == "entered" && k.Holdout), Sum(k => k.Kind == "goal"), steps, flows, days);
    }

    /// <summary>Every arrow of a journey, with its label and how to count it (null: the single next, taken by every arrival that did not exit).</summary>
    internal static IEnumerable<(string From, string To, string Label, (string Kind, Func<ReportFactKey, bool> Match)? Measure)> Edges(JourneyDefinition d)
    {
        foreach (var s in StepTypes.InFileOrder(d))
        {
            switch (s)
            {
                case SendStep send:
                    yield return (s.Id, send.Next, string.Empty, null);
                    break;
                case UpdateStep update:
                    yield return (s.Id, update.Next, string.Empty, null);
                    break;
                case TaskStep task:
                    yield return (s.Id, task.Next, string.Empty, null);
                    break;
                case WaitStep wait:
                    yield return (s.Id, wait.Next, string.Empty, ("passed", k => k.Detail == wait.Next && k.Reason == "elapsed"));
                    if (wait.Schedule is DateWait { OnMissing: { } missing })
                    {
                        yield return (s.Id, missing, "missing date", ("passed", k => k.Detail == missing && k.Reason == "missing-date"));
                    }

                    break;
                case WaitForEventStep w:
                    yield return (s.Id, w.Next, w.Event, ("passed", k => k.Detail == w.Next && k.Reason == "event"));
                    var timeout = w.WorkingDaysTimeout is { } sla ? $"timeout {sla.Days} working days" : $"timeout {w.Timeout}";
                    yield return (s.Id, w.OnTimeout, timeout, ("passed", k => k.Detail == w.OnTimeout && k.Reason == "timeout"));
                    break;
                case BranchStep branch:
                    for (var i = 0; i < branch.Cases.Length; i++)
                    {
                        var via = "case-" + (i + 1).ToString(CultureInfo.InvariantCulture);
                        yield return (s.Id, branch.Cases[i].Next, branch.Cases[i].When.Text, ("passed", k => k.Reason == via));
                    }

                    yield return (s.Id, branch.Otherwise, "otherwise", ("passed", k => k.Reason == "otherwise"));
                    break;
                case SplitStep split:
                    var total = Math.Max(1, split.Variants.Sum(v => v.Weight));
                    foreach (var v in split.Variants)
                    {
                        var share = (100.0 * v.Weight / total).ToString("0.#", CultureInfo.InvariantCulture);
                        yield return (s.Id, v.Next, $"{v.Name} ({share}%)", ("assigned", k => k.Variant == v.Name));
                    }

                    break;
            }
        }
    }
}
