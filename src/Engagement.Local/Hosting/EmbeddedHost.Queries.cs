namespace Engagement.Local.Hosting;

/// <summary>The read side of <see cref="IEmbeddedHost"/>.</summary>
public sealed partial class EmbeddedHost
{
    /// <inheritdoc/>
    public ValueTask<CustomerView?> GetCustomerAsync(string customerId, CancellationToken cancellationToken) => ValueTask.FromResult(_queries.Customer(customerId));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<JourneyReport>> GetJourneysAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_queries.Journeys(_catalog));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TaskView>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_queries.Tasks(query, _clock.GetCurrentInstant()));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<OutboxEntry>> ListOutboxAsync(OutboxQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(_queries.Outbox(query, _processor.DurableOutboxSeq));

    /// <inheritdoc/>
    public ValueTask<HostStatus> GetStatusAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_queries.Status(_processor.Gate()));

    /// <inheritdoc/>
    public StimulusCounts Stimuli => _processor.Tally.Snapshot() with { HandedOver = _processor.EventsHandedOver };
}
