using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Runtime;

/// <summary>The one text form of instants used in timelines, state and conditions: ISO-8601 UTC, e.g. <c>2026-03-01T09:00:00Z</c>.</summary>
public static class InstantText
{
    private static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;

    /// <summary>Formats an instant.</summary>
    public static string Format(Instant instant) => Pattern.Format(instant);

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
