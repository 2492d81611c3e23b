using System.Text;
using System.Text.Json;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Reports.Facts;

/// <summary>Parses timeline lines (UTF-8 bytes) into entries with <see cref="Utf8JsonReader"/>, sharing repeated text through a
/// bounded string pool. Not thread-safe: one per reader.</summary>
internal sealed class TimelineLineParser
{
    private const int PoolLimit = 250_000;

    private static readonly Dictionary<string, TimelineKind> Kinds = Enum.GetValues<TimelineKind>()
        .ToDictionary(k => k.ToString().ToLowerInvariant(), k => k, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _chars = new char[256];

    /// <summary>A parser with an empty string pool.</summary>
    public TimelineLineParser() => _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The entry of one line; null for a blank line.</summary>
    public TimelineEntry? Parse(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("not a JSON object");
        }

        Instant? at = null;
        TimelineKind? kind = null;
        string? customer = null, journey = null, step = null, channel = null, template = null, locale = null, variant = null,
            reason = null, priority = null, detail = null, enrollment = null;
        int? version = null;
        bool? holdout = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("at"u8))
            {
                at = ParseInstant(ref reader);
            }
            else if (name.SequenceEqual("kind"u8))
            {
                kind = ParseKind(ref reader);
            }
            else if (name.SequenceEqual("version"u8))
            {
                version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v
                    : reader.TokenType == JsonTokenType.Null ? null : throw new FormatException("version: expected a whole number");
            }
            else if (name.SequenceEqual("holdout"u8))
            {
                holdout = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new FormatException("holdout: expected true or false"),
                };
            }
            else if (name.SequenceEqual("customerId"u8)) { customer = Text(ref reader, "customerId"); }
            else if (name.SequenceEqual("journey"u8)) { journey = Text(ref reader, "journey"); }
            else if (name.SequenceEqual("step"u8)) { step = Text(ref reader, "step"); }
            else if (name.SequenceEqual("channel"u8)) { channel = Text(ref reader, "channel"); }
            else if (name.SequenceEqual("template"u8)) { template = Text(ref reader, "template"); }
            else if (name.SequenceEqual("locale"u8)) { locale = Text(ref reader, "locale"); }
            else if (name.SequenceEqual("variant"u8)) { variant = Text(ref reader, "variant"); }
            else if (name.SequenceEqual("reason"u8)) { reason = Text(ref reader, "reason"); }
            else if (name.SequenceEqual("priority"u8)) { priority = Text(ref reader, "priority"); }
            else if (name.SequenceEqual("detail"u8)) { detail = Text(ref reader, "detail"); }
            else if (name.SequenceEqual("enrollmentId"u8)) { enrollment = Text(ref reader, "enrollmentId"); }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new FormatException("not a JSON object");
        }

        return new TimelineEntry
        {
            At = at ?? throw new FormatException("at: '' is not an ISO-8601 instant"),
            Kind = kind ?? throw new FormatException("kind: '' is not a timeline kind"),
            CustomerId = customer, Journey = journey, Version = version, Step = step, Channel = channel, Template = template,
            Locale = locale, Variant = variant, Reason = reason, Priority = priority, Detail = detail, Holdout = holdout, EnrollmentId = enrollment,
        };
    }

    private TimelineKind ParseKind(ref Utf8JsonReader reader)
    {
        var text = Text(ref reader, "kind");
        return text is not null && Kinds.TryGetValue(text, out var k) ? k : throw new FormatException($"kind: '{text}' is not a timeline kind");
    }

    private Instant ParseInstant(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TryParseUtcSeconds(reader.ValueSpan, out var fast))
        {
            return fast;
        }

        var text = Text(ref reader, "at");
        return InstantText.TryParse(text, out var instant) ? instant : throw new FormatException($"at: '{text}' is not an ISO-8601 instant");
    }

    /// <summary>The common form <c>yyyy-MM-ddTHH:mm:ssZ</c> without going through text; anything else takes the full parser.</summary>
    private static bool TryParseUtcSeconds(ReadOnlySpan<byte> s, out Instant instant)
    {
        instant = default;
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        {
            return false;
        }

        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2), hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> s, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if (d is < 0 or > 9)
            {
                return -1_000_000;
            }

            value = (value * 10) + d;
        }

        return value;
    }

    private string? Text(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FormatException($"{field}: expected a string");
        }

        if (reader.ValueIsEscaped || reader.ValueSpan.Length > 200)
        {
            return reader.GetString();
        }

        var bytes = reader.ValueSpan;
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[bytes.Length * 2];
        }

        var count = Encoding.UTF8.GetChars(bytes, _chars);
        var chars = _chars.AsSpan(0, count);
        if (_lookup.TryGetValue(chars, out var pooled))
        {
            return pooled;
        }

        var text = new string(chars);
        if (_pool.Count < PoolLimit)
        {
            _pool[text] = text;
        }

        return text;
    }
}
