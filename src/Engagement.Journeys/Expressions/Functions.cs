using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Expressions;

/// <summary>The built-in functions, with their arities. Every function returns <see cref="Value.Missing"/> on unusable input.</summary>
internal static class Functions
{
    /// <summary>Every function's name (case-sensitive) with the fewest and most arguments it takes; the parser checks calls against it.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Arity = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["exists"] = (1, 1),
        ["daysSince"] = (1, 1),
        ["daysUntil"] = (1, 1),
        ["contains"] = (2, 2),
        ["lower"] = (1, 1),
        ["upper"] = (1, 1),
        ["length"] = (1, 1),
        ["coalesce"] = (1, 16),
        ["now"] = (0, 0),
    };

    /// <summary>Applies function <paramref name="name"/> to <paramref name="args"/>, whose count the parser already checked
    /// against <see cref="Arity"/>; <c>now</c>, <c>daysSince</c> and <c>daysUntil</c> read the time from <paramref name="scope"/>.</summary>
    public static Value Call(string name, Value[] args, IExpressionScope scope) => name switch
    {
        "exists" => Value.FromBoolean(!args[0].IsNullOrMissing),
        "daysSince" => ToInstant(args[0]) is { } since ? Value.FromNumber(Math.Floor((scope.Now - since).TotalDays)) : Value.Missing,
        "daysUntil" => ToInstant(args[0]) is { } until ? Value.FromNumber(Math.Floor((until - scope.Now).TotalDays)) : Value.Missing,
        "contains" => Value.FromBoolean(Semantics.Contains(args[0], args[1])),
        "lower" => args[0].AsString() is { } s ? Value.FromString(s.ToLowerInvariant()) : Value.Missing,
        "upper" => args[0].AsString() is { } u ? Value.FromString(u.ToUpperInvariant()) : Value.Missing,
        "length" => args[0].Kind switch
        {
            ValueKind.String => Value.FromNumber(args[0].AsString()!.Length),
            ValueKind.List => Value.FromNumber(args[0].Items.Length),
            ValueKind.Object => Value.FromNumber(args[0].Fields.Count),
            _ => Value.Missing,
        },
        "coalesce" => args.FirstOrDefault(a => !a.IsNullOrMissing) ?? Value.Missing,
        "now" => Value.FromString(InstantText.Format(scope.Now)),
        _ => Value.Missing,
    };

    /// <summary>An ISO instant (with Z or offset) or an ISO date (midnight UTC).</summary>
    internal static Instant? ToInstant(Value value)
    {
        var text = value.AsString();
        if (text is null)
        {
            return null;
        }

        if (InstantText.TryParse(text, out var instant))
        {
            return instant;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        return date.Success ? date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() : null;
    }
}
