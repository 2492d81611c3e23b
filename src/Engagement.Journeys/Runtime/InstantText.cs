using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Runtime;

/// <summary>The one text form of instants used in timelines, state and conditions: ISO-8601 UTC, e.g. <c>2026-03-01T09:00:00Z</c>.</summary>
public static class InstantText
{
    private static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;

    /// <summary>The most characters <see cref="TryFormat"/> writes.</summary>
    public const int MaxFastLength = 30;

    /// <summary>Formats an instant (what NodaTime's extended ISO pattern writes).</summary>
    public static string Format(Instant instant)
    {
        Span<char> text = stackalloc char[MaxFastLength];
        return TryFormat(instant, text, out var written) ? new string(text[..written]) : Pattern.Format(instant);
    }

    /// <summary>Writes the text <see cref="Format"/> gives into <paramref name="destination"/> (at least
    /// <see cref="MaxFastLength"/> characters) without allocating: four-digit years only, false for any other (then use
    /// <see cref="Format"/>, whose pattern writes those its own way).</summary>
    public static bool TryFormat(Instant instant, Span<char> destination, out int written)
    {
        written = 0;
        var utc = instant.InUtc();
        if (utc.Year is < 1 or > 9999 || destination.Length < MaxFastLength)
        {
            return false;
        }

        var n = Digits(destination, utc.Year, 4);
        destination[n++] = '-';
        n += Digits(destination[n..], utc.Month, 2);
        destination[n++] = '-';
        n += Digits(destination[n..], utc.Day, 2);
        destination[n++] = 'T';
        n += Digits(destination[n..], utc.Hour, 2);
        destination[n++] = ':';
        n += Digits(destination[n..], utc.Minute, 2);
        destination[n++] = ':';
        n += Digits(destination[n..], utc.Second, 2);
        var nanos = utc.NanosecondOfSecond;
        if (nanos != 0)
        {
            destination[n++] = '.';
            var digits = 9;
            while (nanos % 10 == 0)
            {
                nanos /= 10;
                digits--;
            }

            n += Digits(destination[n..], nanos, digits);
        }

        destination[n++] = 'Z';
        written = n;
        return true;
    }

    private static int Digits(Span<char> into, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return width;
    }

    /// <summary>Parses ISO-8601 text with a Z or an offset.</summary>
    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var result = Pattern.Parse(text);
        if (result.Success)
        {
            instant = result.Value;
            return true;
        }

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success)
        {
            instant = offset.Value.ToInstant();
            return true;
        }

        return false;
    }
}
