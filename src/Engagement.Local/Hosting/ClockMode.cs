namespace Engagement.Local.Hosting;

/// <summary>Where the embedded host's notion of "now" comes from.</summary>
public enum ClockMode
{
    /// <summary>The injected clock (the system clock in production): events are handled when they arrive, timers when the clock reaches them.</summary>
    Real,

    /// <summary>
    /// Time follows the input events' timestamps, as in <c>engage simulate</c>: each event is handled at its own time, a timer
    /// runs once an input event later than it has been accepted (or once the input is complete and the timer is within the
    /// horizon). Gives the simulator's results from the same time-ordered input, durably and restartably.
    /// </summary>
    Virtual,
}
