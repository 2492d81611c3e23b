using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Templates;

/// <summary>What templates see of an enrollment: the same fields conditions see as <c>enrollment.*</c>.</summary>
public static class TemplateModels
{
    /// <summary>The enrollment as a value (see <see cref="EnrollmentValues.Of"/>).</summary>
    public static Value Enrollment(EnrollmentState state) => EnrollmentValues.Of(state);
}
