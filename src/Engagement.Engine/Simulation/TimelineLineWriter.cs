using System.Globalization;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>
/// Formats timeline entries as JSON Lines into one reused buffer, byte for byte as <see cref="TimelineJson.Line"/> always
/// wrote them (fixed field order, nulls omitted, strings escaped as Newtonsoft.Json's default escaping does), without a JSON
/// writer, a string builder or a string per entry. The text of the last instant is kept, since the entries of one stimulus
/// share it. Not thread-safe: one writer per thread; the span <see cref="Format"/> returns is valid until the next call.
/// </summary>
public sealed class TimelineLineWriter
{
    private static readonly string[] KindNames = Enum.GetValues<TimelineKind>().Select(k => k.ToString().ToLowerInvariant()).ToArray();
    private char[] _buffer = new char[512];
    private int _length;
    private Instant _lastAt;
    private string? _lastAtText;

    /// <summary>One entry as one line (no newline), in the writer's buffer.</summary>
    public ReadOnlySpan<char> Format(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _length = 0;
        Append('{');
        Field("at", AtText(entry.At), first: true);
        Field("customerId", entry.CustomerId);
        Field("journey", entry.Journey);
        if (entry.Version is { } version)
        {
            Name("version");
            Append(version.ToString(CultureInfo.InvariantCulture));
        }

        Field("step", entry.Step);
        Field("kind", (uint)entry.Kind < (uint)KindNames.Length ? KindNames[(int)entry.Kind] : entry.Kind.ToString().ToLowerInvariant());
        Field("channel", entry.Channel);
        Field("template", entry.Template);
        Field("locale", entry.Locale);
        Field("variant", entry.Variant);
        Field("reason", entry.Reason);
        Field("priority", entry.Priority);
        Field("detail", entry.Detail);
        if (entry.Holdout is { } holdout)
        {
            Name("holdout");
            Append(holdout ? "true" : "false");
        }

        Field("enrollmentId", entry.EnrollmentId);
        Append('}');
        return _buffer.AsSpan(0, _length);
    }

    private string AtText(Instant at)
    {
        if (_lastAtText is null || at != _lastAt)
        {
            _lastAt = at;
            _lastAtText = InstantText.Format(at);
        }

        return _lastAtText;
    }

    private void Field(string name, string? value, bool first = false)
    {
        if (value is null)
        {
            return;
        }

        Name(name, first);
        Append('"');
        Escaped(value);
        Append('"');
    }

    private void Name(string name, bool first = false)
    {
        if (!first)
        {
            Append(',');
        }

        Append('"');
        Append(name);
        Append("\":");
    }

    /// <summary>Newtonsoft.Json's default escaping inside double quotes: <c>"</c> and <c>\</c>, the control characters below
    /// U+0020 (<c>\t \n \r \f \b</c> short, the others as <c>\u00xx</c>), and U+0085, U+2028 and U+2029; everything else as is.</summary>
    private void Escaped(string value)
    {
        var rest = value.AsSpan();
        for (var found = rest.IndexOfAny(Serialization.JsonEscapes.Needed); found >= 0; found = rest.IndexOfAny(Serialization.JsonEscapes.Needed))
        {
            Append(rest[..found]);
            Append(Serialization.JsonEscapes.Of(rest[found]));
            rest = rest[(found + 1)..];
        }

        Append(rest);
    }

    private void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + text.Length));
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }
}
