using System.Globalization;
using Engagement.Journeys.Values;

namespace Engagement.Journeys.Expressions;

/// <summary>The comparison and arithmetic rules of the expression language (documented in docs/expressions.md).</summary>
internal static class Semantics
{
    /// <summary>Null and missing equal each other and nothing else; a number equals a numeric string of the same value.</summary>
    public static bool AreEqual(Value a, Value b)
    {
        if (a.IsNullOrMissing || b.IsNullOrMissing)
        {
            return a.IsNullOrMissing && b.IsNullOrMissing;
        }

        if (Number(a) is { } x && Number(b) is { } y && (a.Kind == ValueKind.Number || b.Kind == ValueKind.Number))
        {
            return x.Equals(y);
        }

        return a.Equals(b);
    }

    /// <summary>Order of two values, or null when they cannot be ordered (then every ordering comparison is false).</summary>
    public static int? Compare(Value a, Value b)
    {
        if (a.IsNullOrMissing || b.IsNullOrMissing)
        {
            return null;
        }

        if ((a.Kind == ValueKind.Number || b.Kind == ValueKind.Number) && Number(a) is { } x && Number(b) is { } y)
        {
            return x.CompareTo(y);
        }

        if (a.Kind == ValueKind.String && b.Kind == ValueKind.String)
        {
            return string.CompareOrdinal(a.AsString(), b.AsString());
        }

        return null;
    }

    /// <summary>Membership in a list, or substring of a string.</summary>
    public static bool Contains(Value container, Value item)
    {
        if (container.Kind == ValueKind.List)
        {
            foreach (var element in container.Items)
            {
                if (AreEqual(element, item))
                {
                    return true;
                }
            }

            return false;
        }

        return container.Kind == ValueKind.String && item.Kind is ValueKind.String or ValueKind.Number
            && container.AsString()!.Contains(item.ToString(), StringComparison.Ordinal);
    }

    /// <summary><c>+ - * / %</c> on numbers (text that reads as a number does not count here); <c>+</c> with a text side
    /// concatenates. Missing when a side is missing or not a number, and for division or remainder by zero.</summary>
    public static Value Arithmetic(string op, Value a, Value b)
    {
        if (op == "+" && (a.Kind == ValueKind.String || b.Kind == ValueKind.String) && !a.IsMissing && !b.IsMissing)
        {
            return Value.FromString(a.ToString() + b.ToString());
        }

        if (a.AsNumber() is not { } x || b.AsNumber() is not { } y)
        {
            return Value.Missing;
        }

        return op switch
        {
            "+" => Value.FromNumber(x + y),
            "-" => Value.FromNumber(x - y),
            "*" => Value.FromNumber(x * y),
            "/" => y == 0 ? Value.Missing : Value.FromNumber(x / y),
            "%" => y == 0 ? Value.Missing : Value.FromNumber(x % y),
            _ => Value.Missing,
        };
    }

    private static double? Number(Value v) => v.Kind switch
    {
        ValueKind.Number => v.AsNumber(),
        ValueKind.String when double.TryParse(v.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
