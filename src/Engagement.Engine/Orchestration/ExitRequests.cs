using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Orchestration;

/// <summary>
/// How a host asks a running enrollment instance to exit (unsubscribe, erasure, restart): a <see cref="CustomerEvent"/> of type
/// <see cref="EventType"/> raised as <see cref="JourneyActivities.CustomerEventName"/>, with the reason in <c>data.reason</c>.
/// <see cref="JourneyOrchestration"/> turns it into an <see cref="ExitRequested"/> stimulus. Pure.
/// </summary>
public static class ExitRequests
{
    /// <summary>The reserved event type; CRM events of this type are refused by nothing else, so the router never forwards one.</summary>
    public const string EventType = "engagement.exit-requested";

    /// <summary>An exit request for an enrollment, caused by event <paramref name="causeEventId"/>.</summary>
    public static CustomerEvent Create(EnrollmentState enrollment, string reason, string causeEventId, Instant at) =>
        new($"{causeEventId}/exit/{enrollment.EnrollmentId}", EventType, enrollment.CustomerId, at, Value.EmptyObject.With("reason", Value.FromString(reason)));

    /// <summary>Whether the event is an exit request, and its reason.</summary>
    public static bool TryRead(CustomerEvent customerEvent, out string reason)
    {
        reason = customerEvent.Type == EventType ? customerEvent.Data["reason"].AsString() ?? ExitReasons.ExitRequested : string.Empty;
        return customerEvent.Type == EventType;
    }
}
