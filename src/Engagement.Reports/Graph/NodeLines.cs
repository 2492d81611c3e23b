using Engagement.Journeys.Definitions;
using Engagement.Reports.Funnel;
using Engagement.Reports.Output;

namespace Engagement.Reports.Graph;

/// <summary>The text lines drawn in a step's box: its id, its type and what it does, then its counts when there are any.</summary>
public static class NodeLines
{
    /// <summary>Lines for a step; <paramref name="funnel"/> null draws the bare journey.</summary>
    public static IReadOnlyList<string> Of(StepDefinition step, StepFunnel? funnel)
    {
        var lines = new List<string> { step.Id, StepTypes.Of(step) + What(step) };
        if (funnel is null)
        {
            return lines;
        }

        lines.Add($"entered {Html.N(funnel.Entered)} · on {Html.N(funnel.Proceeded)}");
        if (funnel.Sent.Count > 0)
        {
            lines.Add("sent " + string.Join(", ", funnel.Sent.Select(s => $"{s.Key} {Html.N(s.Value)}")));
        }

        AddBy(lines, "suppressed", funnel.Suppressed);
        if (funnel.Deferred > 0)
        {
            lines.Add($"deferred {Html.N(funnel.Deferred)}");
        }

        AddBy(lines, "failed", funnel.Failed);
        if (funnel.Delivery is { } r)
        {
            lines.Add($"delivered {Html.N(r.Delivered)} · opened {Html.N(r.Opened)} · clicked {Html.N(r.Clicked)} · bounced {Html.N(r.Bounced)}");
        }

        if (funnel.Tasks > 0)
        {
            lines.Add($"tasks {Html.N(funnel.Tasks)}");
        }

        AddBy(lines, "exited", funnel.Exited);
        if (funnel.Goals > 0)
        {
            lines.Add($"goals {Html.N(funnel.Goals)}");
        }

        return lines;
    }

    private static void AddBy(List<string> lines, string label, IReadOnlyDictionary<string, long> by)
    {
        if (by.Count > 0)
        {
            lines.Add($"{label} " + string.Join(", ", by.Select(s => $"{(s.Key.Length == 0 ? "-" : s.Key)} {Html.N(s.Value)}")));
        }
    }

    private static string What(StepDefinition step) => step switch
    {
        SendStep s => $": {s.Channel} · {s.Template}",
        TaskStep t => $": {t.Queue}",
        WaitForEventStep w => $": {w.Event}",
        WaitStep { Schedule: DurationWait d } => $": {d.Period}",
        WaitStep { Schedule: WorkingDaysWait d } => $": {d.Days} working days",
        WaitStep { Schedule: TimeOfDayWait t } => $": until {t.At:HH:mm}",
        WaitStep { Schedule: DateWait d } => $": {d.ProfilePath}",
        ExitStep e => $": {e.Reason}",
        _ => string.Empty,
    };
}
