using Engagement.Engine.Simulation;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary>Prints a simulation summary as tables: one row per journey, then one per step.</summary>
internal static class SummaryTable
{
    /// <summary>Writes the journeys and steps tables to the console, then where the timeline was written when
    /// <paramref name="timelinePath"/> is given.</summary>
    public static void Write(SimulationResult result, string? timelinePath)
    {
        var journeys = new Table().Title("Journeys").AddColumns("journey", "customers per version", "entered", "holdout", "sent", "suppressed", "goal (treated)", "goal (holdout)");
        foreach (var j in result.Summary.Journeys)
        {
            journeys.AddRow(j.Journey, string.Join(", ", j.Versions.Select(v => $"v{v.Version}: {v.Customers}")), $"{j.EnteredTreated}", $"{j.EnteredHoldout}", $"{j.Sent}", $"{j.Suppressed}",
                $"{j.GoalTreated} ({SimulationSummary.Rate(j.GoalTreated, j.EnteredTreated)})", $"{j.GoalHoldout} ({SimulationSummary.Rate(j.GoalHoldout, j.EnteredHoldout)})");
        }

        AnsiConsole.Write(journeys);
        var steps = new Table().Title("Steps").AddColumns("journey", "step", "what happened");
        foreach (var j in result.Summary.Journeys)
        {
            foreach (var s in j.Steps)
            {
                steps.AddRow(j.Journey, s.Step, Markup.Escape(string.Join(", ", s.Counts.Select(c => $"{c.Kind.ToString().ToLowerInvariant()}{(c.Reason is null ? string.Empty : $"[{c.Reason}]")} {c.Count}"))));
            }
        }

        AnsiConsole.Write(steps);
        AnsiConsole.MarkupLine(Markup.Escape($"{result.Processed:N0} stimuli processed; {result.TimelineCount:N0} timeline entries; {result.MessageCount:N0} messages; {result.Tasks.Count:N0} tasks; {result.Summary.Rejected} rejected input line(s)"
            + (result.Partitions > 1 ? $"; {result.Partitions} partitions" : string.Empty)
            + (timelinePath is null ? string.Empty : $"; timeline written to {timelinePath}")));
    }
}
