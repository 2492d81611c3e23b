using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Templates;

/// <summary>What templates see of an enrollment: the same fields conditions see as <c>enrollment.*</c>.</summary>
public static class TemplateModels
{
    /// <summary>The enrollment as a value (key without the re-entry suffix, variant, entry time, journey, version).</summary>
    public static Value Enrollment(EnrollmentState state)
    {
        var hash = state.Key.IndexOf('#', StringComparison.Ordinal);
        return Value.FromObject(
        [
            new("key", Value.FromString(hash < 0 ? state.Key : state.Key[..hash])),
            new("variant", Value.FromString(state.Variant)),
            new("enteredAt", Value.FromString(InstantText.Format(state.EnteredAt))),
            new("journey", Value.FromString(state.JourneyId)),
            new("version", Value.FromNumber(state.JourneyVersion)),
            new("customerId", Value.FromString(state.CustomerId)),
        ]);
    }
}
