using System.Globalization;
using Engagement.Engine.Timeline;
using NodaTime;

namespace Engagement.Reports.Facts;

/// <summary>
/// What a report counts timeline entries by: UTC day, journey version, step, kind, reason, channel, holdout, variant, and the
/// detail where it names a step (<c>passed</c> and <c>assigned</c> entries). The serve database stores one counter per key
/// (table <c>timeline_days</c>); a simulation timeline is added up into the same keys, so every view works from either.
/// Empty strings stand for "none". Never holds a customer id.
/// </summary>
public readonly record struct ReportFactKey(
    string Day, string Journey, int Version, string Step, string Kind, string Reason, string Channel, bool Holdout, string Variant, string Detail)
{
    /// <summary>Reasons longer than this are cut (a provider's failure text is free text).</summary>
    public const int MaxReason = 80;

    /// <summary>The key of an entry; null for entries outside any journey (rejected input lines).</summary>
    public static ReportFactKey? Of(TimelineEntry e)
    {
        if (e.Journey is null)
        {
            return null;
        }

        var kind = KindName(e.Kind);
        var reason = e.Reason ?? string.Empty;
        if (reason.Length > MaxReason)
        {
            reason = reason[..MaxReason];
        }

        var detail = e.Kind is TimelineKind.Passed or TimelineKind.Assigned ? e.Detail ?? string.Empty : string.Empty;
        return new ReportFactKey(DayOf(e.At), e.Journey, e.Version ?? 0, e.Step ?? string.Empty, kind, reason, e.Channel ?? string.Empty,
            e.Holdout ?? false, e.Variant ?? string.Empty, detail);
    }

    /// <summary>The lower-case kind name used in the timeline's JSON.</summary>
    public static string KindName(TimelineKind kind) =>
        (int)kind >= 0 && (int)kind < KindNames.Length ? KindNames[(int)kind] : kind.ToString().ToLowerInvariant();

    /// <summary>The UTC day as <c>yyyy-MM-dd</c> (the last day's text is reused: a timeline is in time order).</summary>
    public static string DayOf(Instant at)
    {
        var day = Math.Floor(at.ToUnixTimeSeconds() / 86_400d);
        var last = _lastDay;
        if (last is not null && last.Number == day)
        {
            return last.Text;
        }

        var text = at.InUtc().Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        _lastDay = new DayText(day, text);
        return text;
    }

    private static readonly string[] KindNames = Enum.GetValues<TimelineKind>().OrderBy(k => (int)k).Select(k => k.ToString().ToLowerInvariant()).ToArray();

    [ThreadStatic]
    private static DayText? _lastDay;

    private sealed record DayText(double Number, string Text);
}
