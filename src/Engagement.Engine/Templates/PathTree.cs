namespace Engagement.Engine.Templates;

/// <summary>
/// The keys a template reads below one object of its model, as a tree: a key maps to the keys read below it, or to null when
/// the value at that key is read whole. Built while a <see cref="TemplateModelPlan"/> is made, read-only after.
/// </summary>
internal sealed class PathTree
{
    /// <summary>Names Liquid answers for a whole collection (<c>size</c>, <c>first</c>, <c>last</c>): the object before them is read whole.</summary>
    private static readonly string[] CollectionNames = ["size", "first", "last"];

    private readonly Dictionary<string, PathTree?> _children = new(StringComparer.Ordinal);

    /// <summary>Key → the keys read below it (null: read whole).</summary>
    public IReadOnlyDictionary<string, PathTree?> Children => _children;

    /// <summary>The segments that cut a path short: a collection name or a predicate (<c>name?</c>) reads what is before it whole.</summary>
    public static int Usable(ReadOnlySpan<string> segments)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            if (CollectionNames.Contains(segments[i], StringComparer.Ordinal) || segments[i].EndsWith('?'))
            {
                return i;
            }
        }

        return segments.Length;
    }

    /// <summary>Adds a path below this object (at least one segment; the last one is read whole).</summary>
    public void Add(ReadOnlySpan<string> path)
    {
        var key = path[0];
        if (path.Length == 1)
        {
            _children[key] = null;
            return;
        }

        if (_children.TryGetValue(key, out var child) && child is null)
        {
            return; // read whole already
        }

        child ??= new PathTree();
        _children[key] = child;
        child.Add(path[1..]);
    }
}
