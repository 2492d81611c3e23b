using Engagement.Journeys.Values;

namespace Engagement.Journeys.Expressions;

/// <summary>A parsed expression node. Immutable; evaluation never throws.</summary>
internal abstract class Node
{
    /// <summary>The node's value in <paramref name="scope"/>; <see cref="Value.Missing"/> where an operand is missing or of the
    /// wrong kind, never an exception.</summary>
    public abstract Value Evaluate(IExpressionScope scope);
}

/// <summary>A constant: a number, text, boolean or null written in the expression.</summary>
internal sealed class LiteralNode(Value value) : Node
{
    /// <summary>The constant's value.</summary>
    public Value Value { get; } = value;

    public override Value Evaluate(IExpressionScope scope) => Value;
}

/// <summary><c>root.a.b</c>: a field path under one of the scope's roots; missing when any part is.</summary>
internal sealed class PathNode(string root, string[] path) : Node
{
    public override Value Evaluate(IExpressionScope scope) => scope.Resolve(root, path);
}

/// <summary><c>[a, b]</c>: a list of the items' values, in order.</summary>
internal sealed class ListNode(Node[] items) : Node
{
    public override Value Evaluate(IExpressionScope scope)
    {
        var values = new Value[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(scope);
        }

        return Value.FromList(values);
    }
}

/// <summary><c>!x</c> or <c>not x</c>: true when the operand is not truthy.</summary>
internal sealed class NotNode(Node operand) : Node
{
    public override Value Evaluate(IExpressionScope scope) => Value.FromBoolean(!operand.Evaluate(scope).IsTruthy);
}

/// <summary><c>-x</c>: the negated number; missing when the operand is not a number.</summary>
internal sealed class NegateNode(Node operand) : Node
{
    public override Value Evaluate(IExpressionScope scope) =>
        operand.Evaluate(scope).AsNumber() is { } n ? Value.FromNumber(-n) : Value.Missing;
}

/// <summary><c>a &amp;&amp; b</c> or <c>a and b</c>: true when both are truthy; the right side is not evaluated when the left is not.</summary>
internal sealed class AndNode(Node left, Node right) : Node
{
    public override Value Evaluate(IExpressionScope scope) =>
        Value.FromBoolean(left.Evaluate(scope).IsTruthy && right.Evaluate(scope).IsTruthy);
}

/// <summary><c>a || b</c> or <c>a or b</c>: true when either is truthy; the right side is not evaluated when the left is.</summary>
internal sealed class OrNode(Node left, Node right) : Node
{
    public override Value Evaluate(IExpressionScope scope) =>
        Value.FromBoolean(left.Evaluate(scope).IsTruthy || right.Evaluate(scope).IsTruthy);
}

/// <summary>A comparison (<c>== != &lt; &lt;= &gt; &gt;=</c>), membership (<c>in</c>) or arithmetic operator; comparisons of
/// values that cannot be ordered are false.</summary>
internal sealed class BinaryNode(string op, Node left, Node right) : Node
{
    public override Value Evaluate(IExpressionScope scope)
    {
        var a = left.Evaluate(scope);
        var b = right.Evaluate(scope);
        return op switch
        {
            "==" => Value.FromBoolean(Semantics.AreEqual(a, b)),
            "!=" => Value.FromBoolean(!Semantics.AreEqual(a, b)),
            "<" => Value.FromBoolean(Semantics.Compare(a, b) is < 0),
            "<=" => Value.FromBoolean(Semantics.Compare(a, b) is <= 0),
            ">" => Value.FromBoolean(Semantics.Compare(a, b) is > 0),
            ">=" => Value.FromBoolean(Semantics.Compare(a, b) is >= 0),
            "in" => Value.FromBoolean(Semantics.Contains(b, a)),
            _ => Semantics.Arithmetic(op, a, b),
        };
    }
}

/// <summary><c>name(args)</c>: a built-in function (<see cref="Functions"/>) applied to the arguments' values.</summary>
internal sealed class CallNode(string name, Node[] arguments) : Node
{
    public override Value Evaluate(IExpressionScope scope)
    {
        var args = new Value[arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i].Evaluate(scope);
        }

        return Functions.Call(name, args, scope);
    }
}
