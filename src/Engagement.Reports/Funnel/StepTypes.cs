using Engagement.Journeys.Definitions;

namespace Engagement.Reports.Funnel;

/// <summary>Step types as written in journey files.</summary>
public static class StepTypes
{
    /// <summary>The <c>type</c> of a step as journey files write it: the step's own <see cref="StepDefinition.Kind"/>, so a new
    /// step kind needs no case here.</summary>
    public static string Of(StepDefinition step) => step.Kind;

    /// <summary>The steps in the order the file lists them.</summary>
    public static IEnumerable<StepDefinition> InFileOrder(JourneyDefinition d) =>
        d.Steps.Values.OrderBy(v => v.Location.Line).ThenBy(v => v.Location.Column).ThenBy(v => v.Id, StringComparer.Ordinal);
}
