using NodaTime;

namespace Engagement.Engine.Simulation;

/// <summary>How far a simulation runs and whom it tells about progress. Immutable.</summary>
/// <param name="Until">Stop at this instant (default: run until nothing is pending).</param>
/// <param name="Progress">Receives (processed, pending) now and then.</param>
/// <param name="Render">Render every message with Liquid and keep it in the result (slower); otherwise only the template file and
/// locale are resolved, which is all the timeline needs.</param>
/// <param name="Window">The plausible event times (default <see cref="Events.EventTimeWindow.DefaultStreamed"/>); the reference is the
/// latest accepted event time in input order, as if the file were streamed. Events outside it are rejected lines.</param>
/// <param name="Timeline">Streams the timeline here as it is recorded (in time order unless <see cref="SimulationResult.TimelineInOrder"/>
/// says otherwise) instead of keeping it in <see cref="SimulationResult.Timeline"/>; the summary is counted either way.</param>
public sealed record SimulationOptions(Instant? Until = null, IProgress<SimulationProgress>? Progress = null, bool Render = false, Events.EventTimeWindow? Window = null, Ports.ITimelineSink? Timeline = null)
{
    /// <summary>How long after the last input event a run without <see cref="Until"/> goes on at most: one year.</summary>
    public static Duration DefaultHorizon { get; } = Duration.FromDays(365);

    /// <summary><paramref name="last"/> plus <see cref="DefaultHorizon"/>, or the end of time when that would overflow (an event window widened to 9999).</summary>
    public static Instant HorizonAfter(Instant last) => last > Instant.MaxValue - DefaultHorizon ? Instant.MaxValue : last + DefaultHorizon;
}

/// <summary>Progress of a run: items processed, items still queued, and the virtual time reached.</summary>
public readonly record struct SimulationProgress(long Processed, int Pending, Instant Now);
