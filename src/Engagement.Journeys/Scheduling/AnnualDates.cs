using System.Globalization;
using NodaTime;

namespace Engagement.Journeys.Scheduling;

/// <summary>Reads a recurring date (a birthday without its year) into NodaTime's <see cref="AnnualDate"/>.</summary>
public static class AnnualDates
{
    private static readonly int[] DaysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>Accepts <c>1990-02-29</c>, an ISO date-time (its date part), <c>--02-29</c> and <c>02-29</c>; rejects impossible dates.</summary>
    public static bool TryParse(string? text, out AnnualDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length >= 10 && s[4] == '-' && s[7] == '-')
        {
            s = s[5..10];
        }
        else if (s.StartsWith("--", StringComparison.Ordinal))
        {
            s = s[2..];
        }

        if (s.Length != 5 || s[2] != '-'
            || !int.TryParse(s[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(s[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || month is < 1 or > 12 || day < 1 || day > DaysInMonth[month - 1])
        {
            return false;
        }

        date = new AnnualDate(month, day);
        return true;
    }

    /// <summary>True for 29 February.</summary>
    public static bool IsLeapDay(this AnnualDate date) => date.Month == 2 && date.Day == 29;
}
