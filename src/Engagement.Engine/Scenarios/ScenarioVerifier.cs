using Engagement.Engine.Timeline;

namespace Engagement.Engine.Scenarios;

/// <summary>Checks a scenario's expectations against the timeline a simulation produced. Pure.</summary>
public static class ScenarioVerifier
{
    /// <summary>All unmet expectations (empty when the scenario passes).</summary>
    public static IReadOnlyList<ScenarioFailure> Verify(Scenario scenario, IReadOnlyList<TimelineEntry> timeline)
    {
        var failures = new List<ScenarioFailure>();
        foreach (var expectation in scenario.Expect)
        {
            var matches = timeline.Count(expectation.Matches);
            var ok = expectation.Count is { } count ? matches == count : matches > 0;
            if (!ok)
            {
                var wanted = expectation.Count is { } c ? $"exactly {c}" : "at least one";
                failures.Add(new(expectation.Location.ToString(), scenario.Name,
                    $"expected {wanted} '{expectation.Describe()}', found {matches}.{Nearest(expectation, timeline)}"));
            }
        }

        foreach (var absence in scenario.ExpectNot)
        {
            var found = timeline.Where(absence.Matches).ToList();
            if (found.Count > 0)
            {
                failures.Add(new(absence.Location.ToString(), scenario.Name,
                    $"expected no '{absence.Describe()}', found {found.Count}:{string.Concat(found.Take(5).Select(e => "\n    " + Show(e)))}"));
            }
        }

        return failures;
    }

    /// <summary>One timeline entry as a readable line.</summary>
    public static string Show(TimelineEntry e) =>
        string.Join(' ', new[]
        {
            e.At.ToString(), e.Kind.ToString().ToLowerInvariant(), e.CustomerId, e.Journey, e.Step,
            e.Channel is null ? null : "channel=" + e.Channel, e.Template is null ? null : "template=" + e.Template,
            e.Reason is null ? null : "reason=" + e.Reason, e.Detail is null ? null : "detail=" + e.Detail,
        }.Where(p => p is not null));

    private static string Nearest(TimelineExpectation expectation, IReadOnlyList<TimelineEntry> timeline)
    {
        // Show what the timeline has for the same journey and step (or kind), so the author sees what happened instead.
        var related = timeline
            .Where(e => (expectation.Journey is null || e.Journey == expectation.Journey)
                && (expectation.Step is null || e.Step == expectation.Step || expectation.Kind is null || e.Kind == expectation.Kind))
            .Take(8)
            .ToList();
        if (related.Count == 0)
        {
            related = timeline.Where(e => expectation.Journey is null || e.Journey == expectation.Journey).Take(8).ToList();
        }

        return related.Count == 0
            ? " The timeline has nothing for this journey."
            : " The timeline shows instead:" + string.Concat(related.Select(e => "\n    " + Show(e)));
    }
}
