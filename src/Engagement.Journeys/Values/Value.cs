using System.Collections.Immutable;
using System.Globalization;

namespace Engagement.Journeys.Values;

/// <summary>
/// An immutable JSON-like value: the currency of profiles, event data, conditions and profile updates.
/// </summary>
/// <remarks>
/// This type is immutable and thread-safe. Lookups never throw: a missing attribute is <see cref="Missing"/>,
/// which is falsy and unequal to every other value. Object keys compare ordinally.
/// </remarks>
public sealed class Value : IEquatable<Value>
{
    private static readonly ImmutableSortedDictionary<string, Value> EmptyFields =
        ImmutableSortedDictionary.Create<string, Value>(StringComparer.Ordinal);

    /// <summary>The value of an attribute that does not exist.</summary>
    public static readonly Value Missing = new(ValueKind.Missing, 0, null, default, null);
    /// <summary>JSON <c>null</c>.</summary>
    public static readonly Value Null = new(ValueKind.Null, 0, null, default, null);
    /// <summary><c>true</c>.</summary>
    public static readonly Value True = new(ValueKind.Boolean, 1, null, default, null);
    /// <summary><c>false</c>.</summary>
    public static readonly Value False = new(ValueKind.Boolean, 0, null, default, null);
    /// <summary>An object with no fields.</summary>
    public static readonly Value EmptyObject = new(ValueKind.Object, 0, null, default, EmptyFields);
    /// <summary>A list with no items.</summary>
    public static readonly Value EmptyList = new(ValueKind.List, 0, null, ImmutableArray<Value>.Empty, null);

    private readonly double _number;
    private readonly string? _string;
    private readonly ImmutableArray<Value> _items;
    private readonly ImmutableSortedDictionary<string, Value>? _fields;

    private Value(ValueKind kind, double number, string? text, ImmutableArray<Value> items, ImmutableSortedDictionary<string, Value>? fields)
    {
        Kind = kind;
        _number = number;
        _string = text;
        _items = items;
        _fields = fields;
    }

    /// <summary>What this value holds.</summary>
    public ValueKind Kind { get; }

    /// <summary>True for <see cref="ValueKind.Missing"/>.</summary>
    public bool IsMissing => Kind == ValueKind.Missing;

    /// <summary>True for missing and null values.</summary>
    public bool IsNullOrMissing => Kind is ValueKind.Missing or ValueKind.Null;

    /// <summary>Creates a number.</summary>
    public static Value FromNumber(double number) => new(ValueKind.Number, number, null, default, null);

    /// <summary>Creates a string; <c>null</c> gives <see cref="Null"/>.</summary>
    public static Value FromString(string? text) => text is null ? Null : new(ValueKind.String, 0, text, default, null);

    /// <summary>Creates a boolean.</summary>
    public static Value FromBoolean(bool value) => value ? True : False;

    /// <summary>Creates a list.</summary>
    public static Value FromList(IEnumerable<Value> items) => new(ValueKind.List, 0, null, items.ToImmutableArray(), null);

    /// <summary>Creates an object from fields (later duplicates win).</summary>
    public static Value FromObject(IEnumerable<KeyValuePair<string, Value>> fields)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            builder[key] = value;
        }

        return builder.Count == 0 ? EmptyObject : new(ValueKind.Object, 0, null, default, builder.ToImmutable());
    }

    /// <summary>Creates an object from fields already in an ordinal-sorted map (no copy; the empty map gives <see cref="EmptyObject"/>).</summary>
    public static Value FromFields(ImmutableSortedDictionary<string, Value> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var ordinal = ReferenceEquals(fields.KeyComparer, StringComparer.Ordinal) ? fields : fields.WithComparers(StringComparer.Ordinal);
        return ordinal.IsEmpty ? EmptyObject : new(ValueKind.Object, 0, null, default, ordinal);
    }

    /// <summary>The number, or <c>null</c> when this is not a number.</summary>
    public double? AsNumber() => Kind == ValueKind.Number ? _number : null;

    /// <summary>The string, or <c>null</c> when this is not a string.</summary>
    public string? AsString() => Kind == ValueKind.String ? _string : null;

    /// <summary>The boolean, or <c>null</c> when this is not a boolean.</summary>
    public bool? AsBoolean() => Kind == ValueKind.Boolean ? _number != 0 : null;

    /// <summary>The items of a list; empty for anything else.</summary>
    public ImmutableArray<Value> Items => Kind == ValueKind.List ? _items : ImmutableArray<Value>.Empty;

    /// <summary>The fields of an object; empty for anything else.</summary>
    public ImmutableSortedDictionary<string, Value> Fields => _fields ?? EmptyFields;

    /// <summary>Truthiness for conditions: false, 0, "", null, missing and empty lists are false.</summary>
    public bool IsTruthy => Kind switch
    {
        ValueKind.Boolean or ValueKind.Number => _number != 0,
        ValueKind.String => _string!.Length > 0,
        ValueKind.List => _items.Length > 0,
        ValueKind.Object => true,
        _ => false,
    };

    /// <summary>The field <paramref name="name"/> of an object; <see cref="Missing"/> otherwise.</summary>
    public Value this[string name] => _fields is not null && _fields.TryGetValue(name, out var v) ? v : Missing;

    /// <summary>Follows a dotted path of field names; <see cref="Missing"/> as soon as a step is absent.</summary>
    public Value Get(ReadOnlySpan<string> path)
    {
        var current = this;
        foreach (var name in path)
        {
            current = current[name];
            if (current.IsMissing)
            {
                return Missing;
            }
        }

        return current;
    }

    /// <summary>Returns a copy of this object with <paramref name="name"/> set (or added).</summary>
    public Value With(string name, Value value) =>
        new(ValueKind.Object, 0, null, default, (_fields ?? EmptyFields).SetItem(name, value));

    /// <summary>Returns a copy of this object with <paramref name="name"/> removed.</summary>
    public Value Without(string name) =>
        _fields is null ? this : new(ValueKind.Object, 0, null, default, _fields.Remove(name));

    /// <summary>Merges <paramref name="other"/>'s fields over this object's (shallow).</summary>
    public Value Merge(Value other)
    {
        if (other.Kind != ValueKind.Object || other.Fields.IsEmpty)
        {
            return this;
        }

        return new(ValueKind.Object, 0, null, default, (_fields ?? EmptyFields).SetItems(other.Fields));
    }

    /// <inheritdoc/>
    public bool Equals(Value? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            ValueKind.Boolean or ValueKind.Number => _number.Equals(other._number),
            ValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
            ValueKind.List => _items.SequenceEqual(other._items),
            ValueKind.Object => Fields.Count == other.Fields.Count && Fields.All(f => other.Fields.TryGetValue(f.Key, out var o) && f.Value.Equals(o)),
            _ => true,
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Value);

    /// <inheritdoc/>
    public override int GetHashCode() => Kind switch
    {
        ValueKind.Boolean or ValueKind.Number => HashCode.Combine(Kind, _number),
        ValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(_string!)),
        ValueKind.List => HashCode.Combine(Kind, _items.Length),
        ValueKind.Object => HashCode.Combine(Kind, Fields.Count),
        _ => (int)Kind,
    };

    /// <summary>Text for templates and messages: strings as they are, numbers invariant, others as JSON.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.String => _string!,
        ValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Boolean => _number != 0 ? "true" : "false",
        ValueKind.Missing or ValueKind.Null => string.Empty,
        _ => ValueJson.Write(this),
    };
}
