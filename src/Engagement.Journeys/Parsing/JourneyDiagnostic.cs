using Engagement.Journeys.Definitions;

namespace Engagement.Journeys.Parsing;

/// <summary>
/// One problem found in a journey file: where (file:line:column), a stable code, and a message that says what is wrong and
/// what is expected. Errors are values, never exceptions. Immutable.
/// </summary>
/// <param name="Location">Where.</param>
/// <param name="Code">Stable code, e.g. <c>JNY001</c>, for docs and tests.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record JourneyDiagnostic(SourceLocation Location, string Code, string Message)
{
    /// <summary><c>file:line:column: message</c> — one line, as <c>engage validate</c> prints it.</summary>
    public override string ToString() => $"{Location}: {Message} [{Code}]";
}
