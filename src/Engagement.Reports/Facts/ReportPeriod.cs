using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Reports.Facts;

/// <summary>The UTC days a report covers, both ends included; either end may be open. Immutable.</summary>
/// <param name="From">First day, or null for the beginning.</param>
/// <param name="To">Last day, or null for the end.</param>
public sealed record ReportPeriod(LocalDate? From, LocalDate? To)
{
    /// <summary>Everything.</summary>
    public static ReportPeriod All { get; } = new(null, null);

    /// <summary>Whether a <c>yyyy-MM-dd</c> day is inside.</summary>
    public bool Contains(string day) =>
        (From is null || string.CompareOrdinal(day, Text(From.Value)) >= 0) && (To is null || string.CompareOrdinal(day, Text(To.Value)) <= 0);

    /// <summary>Whether an instant's UTC day is inside.</summary>
    public bool Contains(Instant at) => Contains(ReportFactKey.DayOf(at));

    /// <summary>Reads <c>--from</c>/<c>--to</c> values (<c>yyyy-MM-dd</c>); false with a one-line error naming the option.</summary>
    public static bool TryParse(string? from, string? to, out ReportPeriod period, out string? error)
    {
        period = All;
        error = null;
        LocalDate? f = null, t = null;
        foreach (var (name, text) in new[] { ("--from", from), ("--to", to) })
        {
            if (text is null)
            {
                continue;
            }

            var parsed = LocalDatePattern.Iso.Parse(text.Length > 10 && text[10] == 'T' ? text[..10] : text);
            if (!parsed.Success)
            {
                error = $"{name}: '{text}' is not a date: expected yyyy-MM-dd such as 2026-03-01";
                return false;
            }

            if (name == "--from")
            {
                f = parsed.Value;
            }
            else
            {
                t = parsed.Value;
            }
        }

        if (f is not null && t is not null && t < f)
        {
            error = $"--to: {Text(t.Value)} is before --from {Text(f.Value)}";
            return false;
        }

        period = new ReportPeriod(f, t);
        return true;
    }

    /// <summary>A day as <c>yyyy-MM-dd</c>.</summary>
    public static string Text(LocalDate day) => day.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => (From, To) switch
    {
        (null, null) => "all days",
        ({ } f, null) => $"from {Text(f)}",
        (null, { } t) => $"until {Text(t)}",
        ({ } f, { } t) => $"{Text(f)} to {Text(t)}",
    };
}
