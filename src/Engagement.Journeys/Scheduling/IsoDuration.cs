using NodaTime;
using NodaTime.Text;

namespace Engagement.Journeys.Scheduling;

/// <summary>ISO-8601 durations as written in journeys: <c>P1D</c>, <c>PT24H</c>, <c>P1W</c>, <c>P3M</c>, <c>P1Y2M3DT4H5M6S</c>.</summary>
public static class IsoDuration
{
    /// <summary>Parses a positive duration; the error says what is wrong and shows what is expected.</summary>
    public static bool TryParse(string? text, out Period period, out string? error)
    {
        period = Period.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty duration: expected ISO-8601 such as P1D (a day), PT4H (4 hours) or P1W (a week)";
            return false;
        }

        if (text.StartsWith('-'))
        {
            error = $"'{text}' is negative: a duration must be positive, such as P1D";
            return false;
        }

        var result = PeriodPattern.Roundtrip.Parse(text);
        if (!result.Success || result.Value.Milliseconds != 0 || result.Value.Ticks != 0 || result.Value.Nanoseconds != 0)
        {
            error = $"'{text}' is not an ISO-8601 duration: expected P, then years Y, months M, weeks W, days D, then T and hours H, minutes M, seconds S, e.g. P1D, PT24H, P1DT12H";
            return false;
        }

        if (result.Value.Normalize() == Period.Zero && result.Value.Months == 0 && result.Value.Years == 0)
        {
            error = $"'{text}' is zero: a duration must be positive, such as PT1H";
            return false;
        }

        period = result.Value;
        error = null;
        return true;
    }

    /// <summary>Parses a whole-day offset that may be negative (<c>-P30D</c>, <c>P7D</c>, <c>-P1W</c>) into days.</summary>
    public static bool TryParseDayOffset(string? text, out int days, out string? error)
    {
        days = 0;
        var negative = text?.StartsWith('-') == true;
        if (!TryParse(negative ? text![1..] : text, out var period, out error))
        {
            return false;
        }

        if (period.HasTimeComponent || period.Months != 0 || period.Years != 0)
        {
            error = $"'{text}' must be whole days or weeks, such as -P30D or P1W";
            return false;
        }

        days = (period.Weeks * 7) + period.Days;
        days = negative ? -days : days;
        return true;
    }
}
