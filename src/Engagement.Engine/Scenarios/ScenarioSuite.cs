using System.Collections.Immutable;

namespace Engagement.Engine.Scenarios;

/// <summary>A <c>*.scenarios.json</c> file: the journeys it runs and its scenarios. Immutable.</summary>
/// <param name="Path">The file.</param>
/// <param name="Journeys">Journey ids to load (empty: every journey in the directory).</param>
/// <param name="Scenarios">The scenarios.</param>
public sealed record ScenarioSuite(string Path, ImmutableArray<string> Journeys, ImmutableArray<Scenario> Scenarios);
