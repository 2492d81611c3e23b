using Engagement.Journeys.Values;

namespace Engagement.Journeys.Expressions;

/// <summary>A parsed expression node. Immutable; evaluation never throws.</summary>
internal abstract class Node
{
    public abstract Value Evaluate(IExpressionScope scope);
}

internal sealed class LiteralNode(Value value) : Node
{
    public Value Value { get; } = value;

    public override Value Evaluate(IExpressionScope scope) => Value;
}

internal sealed class PathNode(string root, string[] path) : Node
{
    public override Value Evaluate(IExpressionScope scope) => scope.Root(root).Get(path);
}

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

internal sealed class NotNode(Node operand) : Node
{
    public override Value Evaluate(IExpressionScope scope) => Value.FromBoolean(!operand.Evaluate(scope).IsTruthy);
}

internal sealed class NegateNode(Node operand) : Node
{
    public override Value Evaluate(IExpressionScope scope) =>
        operand.Evaluate(scope).AsNumber() is { } n ? Value.FromNumber(-n) : Value.Missing;
}

internal sealed class AndNode(Node left, Node right) : Node
{
    public override Value Evaluate(IExpressionScope scope) =>
        Value.FromBoolean(left.Evaluate(scope).IsTruthy && right.Evaluate(scope).IsTruthy);
}

internal sealed class OrNode(Node left, Node right) : Node
{
    public override Value Evaluate(IExpressionScope scope) =>
        Value.FromBoolean(left.Evaluate(scope).IsTruthy || right.Evaluate(scope).IsTruthy);
}

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
