using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Events;

/// <summary>
/// The event times an input may carry: not before <see cref="NotBefore"/>, not after <see cref="NotAfter"/>, and not more than
/// <see cref="MaxAhead"/> after a reference time — the receipt time under a real clock, the latest accepted event time under
/// a virtual clock and in a simulation (which stream their input). A time outside it (a mistyped year, 9999-12-31) becomes a
/// rejected line with its reason instead of sending every annual journey through thousands of virtual years. Immutable.
/// </summary>
/// <param name="NotBefore">The earliest plausible time (default 2000-01-01T00:00:00Z).</param>
/// <param name="NotAfter">The latest plausible time whatever the reference (default 2100-01-01T00:00:00Z).</param>
/// <param name="MaxAhead">How far after the reference an event may be (see <see cref="Default"/> and <see cref="DefaultStreamed"/>).</param>
public sealed record EventTimeWindow(Instant NotBefore, Instant NotAfter, Duration MaxAhead)
{
    /// <summary>Against the receipt time (a real clock): 2000-01-01 to 2100-01-01, at most a day ahead (clocks drift, time zones get mixed up).</summary>
    public static EventTimeWindow Default { get; } = new(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0), Duration.FromDays(1));

    /// <summary>
    /// Against the latest accepted event time (a virtual clock, a simulation): 2000-01-01 to 2100-01-01, at most 366 days ahead.
    /// Far wider than <see cref="Default"/> because a stream of event times has gaps (the samples have quiet spells of 1.5 days;
    /// one customer's scenario answers a survey three months after registering), and a refused line does not move the
    /// reference, so a narrow window would refuse everything after a legitimate gap. It still catches a year mistyped by more
    /// than one (2036, 3026, 8026), and a run can outlast its input by at most two years (this window plus the one-year horizon).
    /// </summary>
    public static EventTimeWindow DefaultStreamed { get; } = Default with { MaxAhead = Duration.FromDays(366) };

    /// <summary>Why <paramref name="time"/> is refused, or null when it is plausible.</summary>
    /// <param name="time">The event's time.</param>
    /// <param name="reference">The reference time (see the type), or null before there is one.</param>
    /// <param name="referenceName">What the reference is, for the message (e.g. "the latest accepted event time").</param>
    public string? Check(Instant time, Instant? reference, string referenceName)
    {
        if (time < NotBefore)
        {
            return $"{InstantText.Format(time)} is before {InstantText.Format(NotBefore)}, the earliest plausible event time (a mistyped year?)";
        }

        if (time > NotAfter)
        {
            return $"{InstantText.Format(time)} is after {InstantText.Format(NotAfter)}, the latest plausible event time (a mistyped year?)";
        }

        // Compared as time - MaxAhead > reference: reference + MaxAhead could overflow near the end of time.
        if (reference is { } r && time - MaxAhead > r)
        {
            return $"{InstantText.Format(time)} is more than {Text(MaxAhead)} after {referenceName} {InstantText.Format(r)}";
        }

        return null;
    }

    private static string Text(Duration d) => d.TotalHours < 48 && d.TotalHours % 1 == 0 ? $"{d.TotalHours:0} hour(s)" : $"{d.TotalDays:0.##} day(s)";
}
