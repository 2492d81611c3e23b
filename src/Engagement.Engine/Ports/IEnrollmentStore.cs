using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Ports;

/// <summary>Enrollment states. A customer has few enrollments, so per-customer listing is the hot query.</summary>
public interface IEnrollmentStore
{
    /// <summary>One enrollment, or null.</summary>
    ValueTask<EnrollmentState?> GetAsync(string enrollmentId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces an enrollment.</summary>
    ValueTask SaveAsync(EnrollmentState state, CancellationToken cancellationToken);

    /// <summary>All enrollments of a customer (active and exited), in a stable order.</summary>
    ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken);
}
