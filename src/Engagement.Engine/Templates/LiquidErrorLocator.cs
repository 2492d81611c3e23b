using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Exceptions;

namespace Engagement.Engine.Templates;

/// <summary>
/// Finds where in a template a DotLiquid syntax error is (DotLiquid says what, not where): a block never closed is the last
/// unclosed opening tag of that name; any other error is on the first line whose prefix of the template fails to parse
/// with an error other than an unclosed block.
/// </summary>
internal static partial class LiquidErrorLocator
{
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal) { "if", "unless", "for", "case", "capture", "comment", "raw", "tablerow", "block", "ifchanged" };

    /// <summary>1-based (line, column) in <paramref name="text"/> of the error <paramref name="message"/>.</summary>
    public static (int Line, int Column) Find(string text, string message)
    {
        if (NeverClosed().Match(message) is { Success: true } unclosed)
        {
            var open = new Stack<(string Name, int Index)>();
            foreach (Match tag in Tag().Matches(text))
            {
                var name = tag.Groups[1].Value;
                if (name.StartsWith("end", StringComparison.Ordinal))
                {
                    var opened = name[3..];
                    while (open.Count > 0 && open.Pop().Name != opened)
                    {
                    }
                }
                else if (Blocks.Contains(name))
                {
                    open.Push((name, tag.Index));
                }
            }

            var target = open.FirstOrDefault(o => o.Name == unclosed.Groups[1].Value);
            return target.Name is null ? (1, 1) : Position(text, target.Index);
        }

        var lines = text.Split('\n');
        for (var k = 1; k <= lines.Length; k++)
        {
            try
            {
                Template.Parse(string.Join('\n', lines[..k]));
            }
            catch (SyntaxException ex) when (!NeverClosed().IsMatch(ex.Message))
            {
                var column = lines[k - 1].IndexOf('{', StringComparison.Ordinal);
                return (k, column < 0 ? 1 : column + 1);
            }
        }

        return (1, 1);
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, index - lineStart + 1);
    }

    [GeneratedRegex(@"^(\w+) tag was never closed")]
    private static partial Regex NeverClosed();

    [GeneratedRegex(@"\{%-?\s*(\w+)")]
    private static partial Regex Tag();
}
