using NodaTime;

namespace Engagement.Engine.Policies;

/// <summary>
/// A daily quiet window in the recipient's local time, <c>From</c> inclusive to <c>To</c> exclusive; it wraps midnight when
/// <c>From</c> is after <c>To</c> (21:00–08:00). Immutable.
/// </summary>
/// <param name="From">First quiet minute.</param>
/// <param name="To">First allowed minute after the window.</param>
/// <param name="Action">Defer or skip.</param>
public sealed record QuietWindow(LocalTime From, LocalTime To, QuietHoursAction Action)
{
    /// <summary>Whether a local time of day is inside the window.</summary>
    public bool Contains(LocalTime time) => From != To
        && (From < To ? time >= From && time < To : time >= From || time < To);
}
