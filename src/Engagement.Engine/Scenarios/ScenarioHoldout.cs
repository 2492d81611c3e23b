using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Scenarios;

/// <summary>
/// A scenario's <c>"holdout": { "c1": false, "c2": true }</c>: fixes whether each named customer lands in every journey's
/// control group, so a scenario does not depend on the draw. Each key must be a customer of the scenario (in its profiles
/// or events).
/// </summary>
internal static class ScenarioHoldout
{
    /// <summary>The fixed holdout per customer (true: in the control group); empty when the scenario has no <c>holdout</c>.
    /// A non-object, a non-boolean value or a customer the scenario does not mention is added to <paramref name="errors"/>
    /// (code SCN010, located in <paramref name="path"/>) and left out.</summary>
    public static ImmutableDictionary<string, bool> Parse(string path, JObject scenario, List<JourneyDiagnostic> errors)
    {
        if (scenario["holdout"] is not { } token)
        {
            return ImmutableDictionary<string, bool>.Empty;
        }

        if (token is not JObject map)
        {
            errors.Add(Error(path, token, "'holdout' must be an object of customer id to true (in the control group) or false (treated), e.g. { \"c1\": false }"));
            return ImmutableDictionary<string, bool>.Empty;
        }

        var customers = Customers(scenario);
        var result = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        foreach (var p in map.Properties())
        {
            if (p.Value.Type != JTokenType.Boolean)
            {
                errors.Add(Error(path, p, $"holdout of '{p.Name}' is {p.Value.Type.ToString().ToLowerInvariant()}: expected true (in the control group) or false (treated)"));
                continue;
            }

            if (!customers.Contains(p.Name))
            {
                var hint = Journeys.Expressions.Suggestions.Closest(p.Name, customers);
                errors.Add(Error(path, p, $"holdout names '{p.Name}', who is in neither the scenario's profiles nor its events{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}"));
                continue;
            }

            result[p.Name] = p.Value.Value<bool>();
        }

        return result.ToImmutable();
    }

    private static HashSet<string> Customers(JObject scenario) =>
        (scenario["profiles"] as JArray ?? []).Concat(scenario["events"] as JArray ?? [])
            .OfType<JObject>()
            .Select(o => o["customerId"])
            .Where(t => t?.Type == JTokenType.String)
            .Select(t => t!.ToString())
            .ToHashSet(StringComparer.Ordinal);

    private static JourneyDiagnostic Error(string path, JToken token, string message) =>
        new(token is Newtonsoft.Json.IJsonLineInfo li && li.HasLineInfo() ? new SourceLocation(path, li.LineNumber, li.LinePosition) : new SourceLocation(path, 1, 1), "SCN010", message);
}
