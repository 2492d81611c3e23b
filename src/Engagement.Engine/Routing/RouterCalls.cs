using Engagement.Engine.Orchestration;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Routing;

/// <summary>The orchestration calls of one message, recorded for the result.</summary>
internal sealed class RouterCalls(IOrchestrationClient client, Instant now, CancellationToken ct)
{
    private readonly List<string> _started = [];
    private readonly List<string> _raised = [];
    private readonly List<string> _exited = [];

    /// <summary>Starts the orchestration of the new enrollment; recorded as started only when no instance with its id existed.</summary>
    public async ValueTask StartAsync(EnrollmentState fresh, JourneyOrchestrationInput input)
    {
        if (await client.StartAsync(InstanceIds.For(fresh.EnrollmentId), input, ct).ConfigureAwait(false))
        {
            _started.Add(InstanceIds.For(fresh.EnrollmentId));
        }
    }

    /// <summary>Raises <paramref name="e"/> to the enrollment's orchestration and records it as raised.</summary>
    public async ValueTask RaiseAsync(EnrollmentState state, CustomerEvent e)
    {
        await client.RaiseAsync(InstanceIds.For(state.EnrollmentId), JourneyActivities.CustomerEventName, e, ct).ConfigureAwait(false);
        _raised.Add(InstanceIds.For(state.EnrollmentId));
    }

    /// <summary>Raises an exit request (with <paramref name="reason"/>, caused by event <paramref name="causeEventId"/>) to the
    /// enrollment's orchestration and records it as exited; the orchestration ends itself when it handles the request.</summary>
    public async ValueTask ExitAsync(EnrollmentState state, string reason, string causeEventId)
    {
        await client.RaiseAsync(InstanceIds.For(state.EnrollmentId), JourneyActivities.CustomerEventName, ExitRequests.Create(state, reason, causeEventId, now), ct).ConfigureAwait(false);
        _exited.Add(InstanceIds.For(state.EnrollmentId));
    }

    /// <summary>The routing result with the instance ids started, raised and exited so far, each in call order.</summary>
    public RouteResult Result(RouteOutcome outcome, string? reason, string eventId) =>
        new(outcome, reason, eventId, _started.ToArray(), _raised.ToArray(), _exited.ToArray());
}
