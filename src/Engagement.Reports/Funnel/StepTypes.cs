using Engagement.Journeys.Definitions;

namespace Engagement.Reports.Funnel;

/// <summary>Step types as written in journey files.</summary>
public static class StepTypes
{
    /// <summary>The <c>type</c> of a step.</summary>
    public static string Of(StepDefinition step) => step switch
    {
        SendStep => "send",
        WaitForEventStep => "waitForEvent",
        WaitStep => "wait",
        BranchStep => "branch",
        SplitStep => "split",
        UpdateStep => "update",
        TaskStep => "task",
        ExitStep => "exit",
        _ => "step",
    };

    /// <summary>The steps in the order the file lists them.</summary>
    public static IEnumerable<StepDefinition> InFileOrder(JourneyDefinition d) =>
        d.Steps.Values.OrderBy(v => v.Location.Line).ThenBy(v => v.Location.Column).ThenBy(v => v.Id, StringComparer.Ordinal);
}
