using Engagement.Journeys.Values;

namespace Engagement.Journeys.Expressions;

/// <summary>
/// A condition or value expression, parsed once and evaluated many times: <c>profile.tier in ['Gold', 'Diamond'] &amp;&amp;
/// daysSince(profile.lastOrderAt) &gt; 60</c>. Immutable and thread-safe. Evaluation never throws and executes no code: a
/// missing attribute is <see cref="Value.Missing"/>, which compares false and equals only null or missing.
/// </summary>
public sealed class Expression
{
    private readonly Node _root;

    private Expression(string text, Node root, IReadOnlyList<string> paths)
    {
        Text = text;
        _root = root;
        ReferencedPaths = paths;
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>Every path the expression reads, as written (<c>profile.tier</c>, <c>event.score</c>).</summary>
    public IReadOnlyList<string> ReferencedPaths { get; }

    /// <summary>True when any referenced path starts at <paramref name="root"/> (e.g. <c>profile</c>).</summary>
    public bool References(string root) => ReferencedPaths.Any(p => p == root || p.StartsWith(root + ".", StringComparison.Ordinal));

    /// <summary>Parses; on failure <paramref name="errors"/> holds every problem found with its position.</summary>
    public static bool TryParse(string text, out Expression? expression, out IReadOnlyList<ExpressionError> errors)
    {
        var list = new List<ExpressionError>();
        var (root, paths) = ExpressionParser.Parse(text ?? string.Empty, list);
        errors = list;
        expression = list.Count == 0 && root is not null ? new Expression(text!, root, paths) : null;
        return expression is not null;
    }

    /// <summary>A literal value as an expression (used for JSON numbers and booleans in <c>set</c>).</summary>
    public static Expression Literal(Value value, string text) => new(text, new LiteralNode(value), []);

    /// <summary>Evaluates to a value. Never throws.</summary>
    public Value Evaluate(IExpressionScope scope) => _root.Evaluate(scope);

    /// <summary>Evaluates and tests truthiness (false, 0, "", null, missing and empty lists are false).</summary>
    public bool IsTrue(IExpressionScope scope) => _root.Evaluate(scope).IsTruthy;

    /// <inheritdoc/>
    public override string ToString() => Text;
}
