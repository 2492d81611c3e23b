using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Effects;

/// <summary>Which enrollments an event concerns: the one rule both hosts route events by. Pure.</summary>
public static class EventInterest
{
    /// <summary>
    /// Whether an enrollment in the state <paramref name="state"/> (known to be current) cares about an event type: it waits for
    /// it, or its journey has a goal or an exitOn rule for it.
    /// </summary>
    public static bool Cares(JourneyDefinition definition, EnrollmentState state, string eventType) =>
        state.AwaitingEvent == eventType || definition.Goal?.Event == eventType || definition.ExitOn.Any(r => r.Event == eventType);

    /// <summary>
    /// Whether an enrollment whose stored state may lag behind its running instance (Durable: the state is written by the
    /// <c>ApplyEffects</c> activity, not after every Advance) may care: not exited, and it <see cref="Cares"/> or its journey has a
    /// <c>waitForEvent</c> step for the type that the instance may have reached since. An event raised to an instance that does
    /// not wait for it changes nothing there (the interpreter ignores it).
    /// </summary>
    public static bool MayCare(JourneyDefinition definition, EnrollmentState state, string eventType) =>
        state.Status != EnrollmentStatus.Exited
        && (Cares(definition, state, eventType) || definition.Steps.Values.OfType<WaitForEventStep>().Any(w => w.Event == eventType));
}
