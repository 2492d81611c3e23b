using Engagement.Journeys.Runtime;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Engine.Events;

/// <summary>
/// Reads an <see cref="EventTimeWindow"/> from text settings (the <c>engage</c> flags, the Azure host's app settings): ISO-8601
/// instants for the bounds, an ISO-8601 duration in days or hours for how far ahead. Problems name the setting they are about.
/// </summary>
public static class EventTimeWindowText
{
    /// <summary>
    /// <paramref name="defaults"/> with the given values in place (null or blank keeps the default); null and a one-line
    /// <paramref name="error"/> (starting with the setting's name) when a value is unreadable or the bounds are crossed.
    /// </summary>
    /// <param name="defaults">The window the values override.</param>
    /// <param name="notBefore">The earliest plausible time, e.g. 2000-01-01T00:00:00Z.</param>
    /// <param name="notAfter">The latest plausible time.</param>
    /// <param name="maxAhead">How far after the reference time, e.g. P1D or PT6H.</param>
    /// <param name="names">The names of the three settings, for the messages.</param>
    /// <param name="error">Why the values were refused.</param>
    public static EventTimeWindow? TryRead(EventTimeWindow defaults, string? notBefore, string? notAfter, string? maxAhead,
        (string NotBefore, string NotAfter, string MaxAhead) names, out string? error)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var window = defaults;
        error = null;
        if (!string.IsNullOrWhiteSpace(notBefore))
        {
            if (!InstantText.TryParse(notBefore.Trim(), out var before))
            {
                error = NotAnInstant(names.NotBefore, notBefore);
                return null;
            }

            window = window with { NotBefore = before };
        }

        if (!string.IsNullOrWhiteSpace(notAfter))
        {
            if (!InstantText.TryParse(notAfter.Trim(), out var after))
            {
                error = NotAnInstant(names.NotAfter, notAfter);
                return null;
            }

            window = window with { NotAfter = after };
        }

        if (!string.IsNullOrWhiteSpace(maxAhead))
        {
            var parsed = PeriodPattern.NormalizingIso.Parse(maxAhead.Trim());
            if (!parsed.Success || parsed.Value.Years != 0 || parsed.Value.Months != 0)
            {
                error = $"{names.MaxAhead}: '{maxAhead}' is not a duration: expected ISO-8601 days or hours such as P1D or PT6H";
                return null;
            }

            var duration = parsed.Value.ToDuration();
            if (duration < Duration.Zero)
            {
                error = $"{names.MaxAhead}: '{maxAhead}' is negative";
                return null;
            }

            window = window with { MaxAhead = duration };
        }

        if (window.NotAfter < window.NotBefore)
        {
            error = $"{names.NotAfter}: is before {names.NotBefore}";
            return null;
        }

        return window;
    }

    private static string NotAnInstant(string name, string text) => $"{name}: '{text}' is not an instant: expected ISO-8601 such as 2000-01-01T00:00:00Z";
}
