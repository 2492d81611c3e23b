using Engagement.Engine.Events;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Tests.Routing;

/// <summary>Stands in for a store or service that fails once (a crash or a timeout midway through a message's work).</summary>
internal sealed class FailOnce(string what)
{
    public bool Armed { get; set; } = true;

    public int Failures { get; private set; }

    public void Now()
    {
        if (Armed)
        {
            Armed = false;
            Failures++;
            throw new InvalidOperationException($"{what} unavailable (injected failure)");
        }
    }
}

/// <summary>A timeline sink that fails the first time an entry matches.</summary>
internal sealed class FailingTimeline(ITimelineSink inner, Func<TimelineEntry, bool> failOn) : ITimelineSink
{
    public FailOnce Failure { get; } = new("timeline");

    public ValueTask RecordAsync(TimelineEntry entry, CancellationToken cancellationToken)
    {
        if (failOn(entry))
        {
            Failure.Now();
        }

        return inner.RecordAsync(entry, cancellationToken);
    }
}

/// <summary>An orchestration client that fails the <c>n</c>-th start (1-based) once.</summary>
internal sealed class FailingOrchestrationClient(IOrchestrationClient inner, int failStart) : IOrchestrationClient
{
    private int _starts;

    public FailOnce Failure { get; } = new("orchestration client");

    public ValueTask<bool> StartAsync(string instanceId, JourneyOrchestrationInput input, CancellationToken cancellationToken)
    {
        if (++_starts == failStart)
        {
            Failure.Now();
        }

        return inner.StartAsync(instanceId, input, cancellationToken);
    }

    public ValueTask RaiseAsync(string instanceId, string eventName, CustomerEvent payload, CancellationToken cancellationToken) =>
        inner.RaiseAsync(instanceId, eventName, payload, cancellationToken);
}

/// <summary>An inbox whose mark fails once: the work is done, the process dies before recording it.</summary>
internal sealed class FailingInbox(IEventInbox inner) : IEventInbox
{
    public FailOnce Failure { get; } = new("inbox");

    public ValueTask<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken) => inner.IsProcessedAsync(eventId, cancellationToken);

    public ValueTask<bool> TryMarkProcessedAsync(string eventId, CancellationToken cancellationToken)
    {
        Failure.Now();
        return inner.TryMarkProcessedAsync(eventId, cancellationToken);
    }

    public ValueTask RejectAsync(RejectedEvent rejected, CancellationToken cancellationToken) => inner.RejectAsync(rejected, cancellationToken);
}
