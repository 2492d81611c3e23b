using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>Queue depths of the embedded host, as <c>engage status</c> and <c>GET /healthz</c> show them. Immutable.</summary>
/// <param name="PendingEvents">Accepted events not yet processed.</param>
/// <param name="ProcessedEvents">Events processed since the database was created.</param>
/// <param name="RejectedEvents">Inputs kept as rejected.</param>
/// <param name="ScheduledTimers">Timers (wake-ups and deferred sends) waiting.</param>
/// <param name="DueTimers">Timers already due and not yet run.</param>
/// <param name="NextTimerAt">The earliest scheduled timer.</param>
/// <param name="OutboxPending">Messages the transports have yet to deliver.</param>
/// <param name="OutboxFailed">Messages the transports gave up on.</param>
/// <param name="ActiveEnrollments">Enrollments not exited.</param>
/// <param name="OpenTasks">Tasks for people.</param>
public sealed record HostStatus(long PendingEvents, long ProcessedEvents, long RejectedEvents, long ScheduledTimers, long DueTimers, Instant? NextTimerAt, long OutboxPending, long OutboxFailed, long ActiveEnrollments, long OpenTasks);
