using NodaTime;

namespace Engagement.Engine.Ports;

/// <summary>
/// Removes the personal data a host keeps about a customer beyond the profile and the enrollment states (which the engine
/// erases through <see cref="IProfileStore"/> and <see cref="IEnrollmentStore"/>): inbox copies of the customer's events,
/// rejected input lines, rendered messages, task titles, deferred sends. What is removed and what stays is
/// <see cref="Effects.Erasure"/>'s rule. Called once per <c>customer.erased</c>, after the enrollments exited and before the
/// profile is deleted; must be idempotent (a retried erasure calls it again).
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>Redacts what the host keeps about <paramref name="customerId"/> up to <paramref name="now"/>; events not yet
    /// processed (a later re-registration) are left alone. Never logs contact details.</summary>
    ValueTask EraseAsync(string customerId, Instant now, CancellationToken cancellationToken);
}
