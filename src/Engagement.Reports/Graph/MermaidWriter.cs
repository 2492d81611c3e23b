using System.Globalization;
using System.Text;
using Engagement.Journeys.Definitions;
using Engagement.Reports.Funnel;

namespace Engagement.Reports.Graph;

/// <summary>
/// A journey as Mermaid flowchart text (renders in a pull request beside the JSON diff): one node per step labelled with its id
/// and type, arrows labelled like the SVG picture. Node ids are generated (<c>s0</c>, <c>s1</c>, ...) so any step id is safe;
/// labels are quoted with <c>"</c> and <c>#quot;</c>-style entities for characters Mermaid would read as syntax.
/// </summary>
public static class MermaidWriter
{
    /// <summary>The flowchart.</summary>
    public static string Write(JourneyDefinition d)
    {
        var ids = StepTypes.InFileOrder(d).Select((s, i) => (s.Id, Node: "s" + i.ToString(CultureInfo.InvariantCulture))).ToDictionary(x => x.Id, x => x.Node, StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("---\ntitle: ").Append(Label($"{d.Name} ({d.Id} v{d.Version})")).Append("\n---\nflowchart TD\n");
        foreach (var step in StepTypes.InFileOrder(d))
        {
            var lines = NodeLines.Of(step, null);
            var (open, close) = step switch
            {
                BranchStep or SplitStep => ("{", "}"),
                WaitStep or WaitForEventStep => ("([", "])"),
                ExitStep => ("((", "))"),
                _ => ("[", "]"),
            };
            sb.Append("    ").Append(ids[step.Id]).Append(open).Append('"').Append(Label(lines[0])).Append("<br/>").Append(Label(lines[1])).Append('"').Append(close).Append('\n');
        }

        foreach (var e in FunnelBuilder.Edges(d))
        {
            sb.Append("    ").Append(ids[e.From]).Append(" -->");
            if (e.Label.Length > 0)
            {
                sb.Append("|\"").Append(Label(e.Label)).Append("\"|");
            }

            sb.Append(' ').Append(ids[e.To]).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Text made safe inside a quoted Mermaid label: characters with a meaning there become numeric entities.</summary>
    public static string Label(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '"' or '<' or '>' or '&' or '#' or '|' or '[' or ']' or '{' or '}' or '(' or ')' or ';' or '`' || char.IsControl(ch))
            {
                sb.Append("#").Append(((int)ch).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
