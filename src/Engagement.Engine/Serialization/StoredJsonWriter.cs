using System.Buffers;
using System.Globalization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;

namespace Engagement.Engine.Serialization;

/// <summary>
/// Compact JSON text into one growing pooled buffer, written exactly as Newtonsoft's <c>JsonTextWriter</c> writes it with
/// <see cref="EngineJson.Settings"/>: the same escaping (quote, back slash, control characters, U+0085, U+2028 and U+2029;
/// nothing else), numbers in the same form, <see cref="Value"/>s as <see cref="ValueJson.WriteTo"/> writes them. For
/// <see cref="StoredRecordWriter"/>: no writer, text writer, string builder or position stack per record, one string at the end.
/// One per thread (<see cref="Rent"/>); not thread-safe.
/// </summary>
internal sealed class StoredJsonWriter
{
    [ThreadStatic]
    private static StoredJsonWriter? _cached;

    private char[] _buffer = ArrayPool<char>.Shared.Rent(512);
    private int _length;

    /// <summary>This thread's writer, emptied (taken while in use, so a nested call gets its own).</summary>
    public static StoredJsonWriter Rent()
    {
        var writer = _cached ?? new StoredJsonWriter();
        _cached = null;
        writer._length = 0;
        return writer;
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => new(_buffer, 0, _length);

    /// <summary>The text written so far, valid until the next write or <see cref="Return"/>.</summary>
    public ReadOnlySpan<char> Written => _buffer.AsSpan(0, _length);

    /// <summary>Gives the writer back to this thread, its buffer cleared (records hold contact details).</summary>
    public void Return()
    {
        _buffer.AsSpan(0, _length).Clear();
        _length = 0;
        if (_buffer.Length > 64 * 1024)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = ArrayPool<char>.Shared.Rent(512);
        }

        _cached = this;
    }

    public void StartObject()
    {
        Separate();
        Append('{');
    }

    public void EndObject() => Append('}');

    public void StartArray()
    {
        Separate();
        Append('[');
    }

    public void EndArray() => Append(']');

    /// <summary>A property name (escaped) and its colon.</summary>
    public void Name(string name)
    {
        Separate();
        Quoted(name);
        Append(':');
    }

    /// <summary>A string, or null.</summary>
    public void Text(string? value)
    {
        Separate();
        if (value is null)
        {
            Raw("null");
        }
        else
        {
            Quoted(value);
        }
    }

    public void Number(long value)
    {
        Separate();
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        Raw(digits[..written]);
    }

    /// <summary>An instant as <see cref="InstantText.Format"/> writes it (extended ISO-8601: seconds, then up to nine
    /// fraction digits without trailing zeros, then Z), without the pattern's builder and string.</summary>
    public void Instant(NodaTime.Instant value)
    {
        Span<char> text = stackalloc char[InstantText.MaxFastLength];
        if (!InstantText.TryFormat(value, text, out var written))
        {
            Text(InstantText.Format(value)); // outside four-digit years: the pattern's own form
            return;
        }

        Separate();
        Append('"');
        Raw(text[..written]);
        Append('"');
    }

    public void Flag(bool value)
    {
        Separate();
        Raw(value ? "true" : "false");
    }

    public void Null()
    {
        Separate();
        Raw("null");
    }

    /// <summary>A value as <see cref="ValueJson.WriteTo"/> writes it (missing becomes null).</summary>
    public void Json(Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Boolean:
                Flag(value.AsBoolean()!.Value);
                break;
            case ValueKind.Number:
                var number = value.AsNumber()!.Value;
                if (ValueJson.IsWhole(number))
                {
                    Number((long)number);
                }
                else
                {
                    Separate();
                    var text = JsonConvert.ToString(number); // Newtonsoft's own form ("R", a ".0" where needed)
                    if (double.IsFinite(number))
                    {
                        Raw(text);
                    }
                    else
                    {
                        Quoted(text); // non-finite numbers as strings, the settings' float format handling
                    }
                }

                break;
            case ValueKind.String:
                Text(value.AsString());
                break;
            case ValueKind.List:
                StartArray();
                foreach (var item in value.Items)
                {
                    Json(item);
                }

                EndArray();
                break;
            case ValueKind.Object:
                StartObject();
                foreach (var (name, field) in value.Fields)
                {
                    Name(name);
                    Json(field);
                }

                EndObject();
                break;
            default:
                Null();
                break;
        }
    }

    /// <summary>A comma before a value or name that follows another in its container.</summary>
    private void Separate()
    {
        if (_length > 0 && _buffer[_length - 1] is not ('{' or '[' or ':'))
        {
            Append(',');
        }
    }

    private void Quoted(string text)
    {
        Append('"');
        var rest = text.AsSpan();
        for (var found = rest.IndexOfAny(JsonEscapes.Needed); found >= 0; found = rest.IndexOfAny(JsonEscapes.Needed))
        {
            Raw(rest[..found]);
            Raw(JsonEscapes.Of(rest[found]));
            rest = rest[(found + 1)..];
        }

        Raw(rest);
        Append('"');
    }

    private void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    private void Raw(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        _buffer.AsSpan(0, _length).Clear();
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
