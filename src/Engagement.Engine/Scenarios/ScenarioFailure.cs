namespace Engagement.Engine.Scenarios;

/// <summary>One unmet expectation: where it was written, what was expected, and what the timeline showed instead. Immutable.</summary>
/// <param name="Location">file:line:column of the expectation.</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Message">What was expected and what happened instead.</param>
public sealed record ScenarioFailure(string Location, string Scenario, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Location}: scenario '{Scenario}': {Message}";
}
