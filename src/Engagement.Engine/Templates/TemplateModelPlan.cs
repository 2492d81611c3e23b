using System.Text.RegularExpressions;

namespace Engagement.Engine.Templates;

/// <summary>
/// Which parts of the render model (<c>profile</c>, <c>event</c>, <c>enrollment</c>) a Liquid template reads, found once from its
/// markup when it is added, so a render converts those parts only instead of every field of the profile, the event and the
/// enrollment. Immutable.
/// </summary>
/// <remarks>
/// Only dotted paths are followed (<c>{{ profile.tier }}</c>, <c>{% case event.to %}</c>, <c>append: enrollment.key</c>): the model
/// holds the objects along each path with only the keys read, and whatever a path ends on whole (so an <c>assign</c> of a
/// nested object, a list, <c>size</c>, <c>first</c> and <c>last</c> see what they would see in the full model). Any bracket in
/// the markup (<c>profile[name]</c>), a root used bare (<c>{{ profile | json }}</c>, <c>{% for x in event %}</c>) or an
/// <c>include</c> makes the plan <see cref="Whole"/> for that root or for all, so a plan never hides a field the template reads.
/// </remarks>
public sealed partial class TemplateModelPlan
{
    /// <summary>The model roots a plan follows: <c>profile</c>, <c>event</c> and <c>enrollment</c>.</summary>
    public static IReadOnlyList<string> Roots { get; } = ["profile", "event", "enrollment"];

    private TemplateModelPlan(IReadOnlyDictionary<string, PathTree?>? roots) => _roots = roots;

    /// <summary>The plan that converts every root in full.</summary>
    public static TemplateModelPlan Whole { get; } = new(null);

    /// <summary>Root → the keys read (null: the whole root); a root missing is not read. Null: every root in full.</summary>
    private readonly IReadOnlyDictionary<string, PathTree?>? _roots;

    /// <summary>The plan for the Liquid sources of one template (subject and body).</summary>
    public static TemplateModelPlan Of(params string?[] sources)
    {
        var roots = new Dictionary<string, PathTree?>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source is null)
            {
                continue;
            }

            foreach (Match markup in MarkupPattern().Matches(source))
            {
                var code = StringLiteralPattern().Replace(markup.Value, " ");
                if (code.Contains('[', StringComparison.Ordinal) || IncludePattern().IsMatch(code))
                {
                    return Whole;
                }

                foreach (Match path in PathPattern().Matches(code))
                {
                    Add(roots, path.Value.Split('.'));
                }
            }
        }

        return new TemplateModelPlan(roots);
    }

    /// <summary>Whether the template reads <paramref name="root"/> at all (when not, the model need not hold it).</summary>
    public bool Reads(string root) => _roots is null || _roots.ContainsKey(root) || !Roots.Contains(root, StringComparer.Ordinal);

    /// <summary>The top-level keys of <paramref name="root"/> the template reads; null when it reads the root whole (or not at all).</summary>
    public IReadOnlyCollection<string>? TopKeys(string root) => Keys(root) is { } tree ? tree.Children.Keys.ToArray() : null;

    /// <summary>The keys of <paramref name="root"/> the template reads; null when it reads the root whole (or not at all).</summary>
    internal PathTree? Keys(string root) => _roots is not null && _roots.TryGetValue(root, out var tree) ? tree : null;

    private static void Add(Dictionary<string, PathTree?> roots, string[] path)
    {
        var segments = path.AsSpan(0, PathTree.Usable(path));
        var root = path[0].TrimEnd('?');
        if (!Roots.Contains(root, StringComparer.Ordinal))
        {
            return;
        }

        if (segments.Length <= 1)
        {
            roots[root] = null; // used bare, or cut short at the root: whole
            return;
        }

        if (roots.TryGetValue(root, out var tree) && tree is null)
        {
            return;
        }

        tree ??= new PathTree();
        roots[root] = tree;
        tree.Add(segments[1..]);
    }

    /// <summary>Liquid markup: output (<c>{{ … }}</c>) and tags (<c>{% … %}</c>).</summary>
    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkupPattern();

    /// <summary>Quoted text inside markup, which names nothing.</summary>
    [GeneratedRegex(@"'[^']*'|""[^""]*""", RegexOptions.CultureInvariant)]
    private static partial Regex StringLiteralPattern();

    [GeneratedRegex(@"\binclude\b", RegexOptions.CultureInvariant)]
    private static partial Regex IncludePattern();

    /// <summary>A dotted path: names of word characters and dashes (a trailing <c>?</c> allowed), not starting inside another name.</summary>
    [GeneratedRegex(@"(?<![\w\-?])[A-Za-z_][\w\-]*\??(?:\.[\w\-]+\??)*", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
