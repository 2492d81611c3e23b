namespace Engagement.Local.Hosting;

/// <summary>
/// The embedded host as its front ends see it: the HTTP API, <c>engage serve --events</c>, <c>engage status</c> and
/// <c>engage outbox</c>. The implementation keeps everything in one SQLite file and processes stimuli in the background.
/// </summary>
/// <remarks>
/// Contract for every implementation: <see cref="IngestAsync"/> returns only after the accepted lines are durably committed
/// (a crash after it returns loses none of them); every line is either accepted, a duplicate (same event id as an earlier
/// one: nothing happens twice) or rejected and kept with its reason. Queries never return contact details in logs, but do
/// return them to the caller (the API is authenticated).
/// </remarks>
public interface IEmbeddedHost
{
    /// <summary>Validates and durably accepts event lines (one JSON event per line; blank lines are skipped).</summary>
    /// <param name="lines">The lines, in order; line numbers in the result are 1-based positions in this list.</param>
    /// <param name="source">Where they came from, kept with rejections: <c>http</c>, <c>file:crm.jsonl</c>, <c>stdin</c>.</param>
    /// <param name="cancellationToken">Cancels before commit only.</param>
    ValueTask<IngestResult> IngestAsync(IReadOnlyList<string> lines, string source, CancellationToken cancellationToken);

    /// <summary>
    /// Durably takes the elements of an integrator's request (CloudEvents, Segment calls): <paramref name="read"/> gets the
    /// time received (the host's clock) and returns the translated elements; each element's engine events are accepted or
    /// found to be duplicates by id, each refused element is kept with its reason (once per source and id), and the result
    /// counts elements. Exceptions from <paramref name="read"/> (a wholly bad body) propagate and nothing is written.
    /// </summary>
    ValueTask<Engagement.Engine.Integrations.InboundResult> IngestInboundAsync(
        Func<NodaTime.Instant, IReadOnlyList<Engagement.Engine.Integrations.InboundItem>> read, string source, CancellationToken cancellationToken);

    /// <summary>A customer's profile (with consent history), enrollments and message history; null when unknown.</summary>
    ValueTask<CustomerView?> GetCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Queues the customer's erasure (a <c>customer.erased</c> event): enrollments exit, the profile and contact
    /// points are removed, a ledger tombstone stays. False when the customer is unknown.</summary>
    ValueTask<bool> EraseCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Every loaded journey version with its counts, and per step how many wait there and what happened there.</summary>
    ValueTask<IReadOnlyList<JourneyReport>> GetJourneysAsync(CancellationToken cancellationToken);

    /// <summary>Tasks for people, newest first.</summary>
    ValueTask<IReadOnlyList<TaskView>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>Messages in the outbox, oldest first, after <see cref="OutboxQuery.AfterSequence"/>.</summary>
    ValueTask<IReadOnlyList<OutboxEntry>> ListOutboxAsync(OutboxQuery query, CancellationToken cancellationToken);

    /// <summary>Queue depths and the next due timer.</summary>
    ValueTask<HostStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>The stimuli this process has committed since it started (a snapshot; cheap, no database read).</summary>
    StimulusCounts Stimuli { get; }

    /// <summary>Applies a signed unsubscribe token (from a message's link or List-Unsubscribe header). False when the
    /// token is invalid or forged.</summary>
    ValueTask<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken);
}
