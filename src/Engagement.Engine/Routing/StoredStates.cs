namespace Engagement.Engine.Routing;

/// <summary>How far a host's stored enrollment states can be trusted when an event is routed.</summary>
public enum StoredStates
{
    /// <summary>The stored state is the enrollment's state (the embedded engine steps and saves it in the same run): the event
    /// goes to the waiting enrollments that <see cref="Effects.EventInterest.Cares"/> about it.</summary>
    Current,

    /// <summary>The stored state may lag behind a running instance (Durable: saved by the ApplyEffects activity): the event goes
    /// to every enrollment that <see cref="Effects.EventInterest.MayCare"/>, and records a redelivered event stored itself are
    /// left out of entry decisions (<see cref="RedeliveredEntry"/>).</summary>
    MayLag,
}
