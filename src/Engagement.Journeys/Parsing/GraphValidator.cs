using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;
using Newtonsoft.Json.Linq;

namespace Engagement.Journeys.Parsing;

/// <summary>Checks the step graph: dangling references, unreachable steps, and cycles with no wait in them.</summary>
internal static class GraphValidator
{
    /// <summary>Records on <paramref name="source"/> every reference (start, next, onTimeout, otherwise, onMissing, cases and
    /// variants) to a step that does not exist; then, only when every step parsed, every step unreachable from
    /// <paramref name="start"/> and every cycle without a wait. <paramref name="root"/> must have a <c>steps</c> object.</summary>
    public static void Validate(JsonSource source, JObject root, string start, ImmutableDictionary<string, StepDefinition> steps)
    {
        var stepsObject = (JObject)root["steps"]!;
        if (!steps.ContainsKey(start) && stepsObject[start] is null)
        {
            Dangling(source, root["start"]!, "start", start, steps);
        }

        foreach (var property in stepsObject.Properties())
        {
            foreach (var (token, target) in property.Value is JObject step ? References(step) : [])
            {
                if (stepsObject[target] is null)
                {
                    Dangling(source, token, property.Name, target, steps);
                }
            }
        }

        if (steps.Count != stepsObject.Count)
        {
            return; // a step failed to parse (already reported): reachability and cycles would only echo that error
        }

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (steps.TryGetValue(id, out var step) && reachable.Add(id))
            {
                foreach (var next in step.Successors)
                {
                    stack.Push(next);
                }
            }
        }

        foreach (var step in steps.Values.Where(s => !reachable.Contains(s.Id)).OrderBy(s => s.Location.Line))
        {
            source.Error(stepsObject.Property(step.Id)!, DiagnosticCodes.Unreachable, $"step '{step.Id}' can never be reached from start '{start}': link to it with next, or remove it");
        }

        foreach (var cycle in WaitFreeCycles(steps))
        {
            var first = cycle[0];
            source.Error(stepsObject.Property(first)!, DiagnosticCodes.WaitFreeCycle,
                $"steps {string.Join(" → ", cycle.Append(first))} form a cycle with no wait in it: it would run forever at one instant; put a wait or waitForEvent in the loop");
        }
    }

    private static IEnumerable<(JToken Token, string Target)> References(JObject step)
    {
        foreach (var name in new[] { "next", "onTimeout", "otherwise", "onMissing" })
        {
            if (step[name] is { Type: JTokenType.String } t)
            {
                yield return (t, (string)t!);
            }
        }

        foreach (var list in new[] { "cases", "variants" })
        {
            foreach (var item in step[list] as JArray ?? [])
            {
                if (item["next"] is { Type: JTokenType.String } t)
                {
                    yield return (t, (string)t!);
                }
            }
        }
    }

    private static void Dangling(JsonSource source, JToken token, string from, string target, ImmutableDictionary<string, StepDefinition> steps)
    {
        var hint = Suggestions.Closest(target, steps.Keys);
        source.Error(token, DiagnosticCodes.DanglingReference, $"'{from}' goes to step '{target}', which does not exist{(hint is null ? string.Empty : $": did you mean '{hint}'?")}");
    }

    /// <summary>Cycles among steps that do not wait (a cycle through any wait is fine: an annual birthday loop).</summary>
    private static List<List<string>> WaitFreeCycles(ImmutableDictionary<string, StepDefinition> steps)
    {
        var cycles = new List<List<string>>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var id in steps.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id);
        }

        return cycles;

        void Visit(string id)
        {
            if (!steps.TryGetValue(id, out var step) || step.Waits)
            {
                return;
            }

            if (state.TryGetValue(id, out var s))
            {
                if (s == 1)
                {
                    cycles.Add(path.Skip(path.IndexOf(id)).ToList());
                }

                return;
            }

            state[id] = 1;
            path.Add(id);
            foreach (var next in step.Successors)
            {
                Visit(next);
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
        }
    }
}
