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

    /// <summary>The customer's enrollments that have not exited, in the order of <see cref="ListByCustomerAsync"/>. By default
    /// filtered from that list; a store that holds exited enrollments apart (the compacting <see cref="InMemory.InMemoryStores"/>)
    /// answers without reading them back.</summary>
    async ValueTask<IReadOnlyList<EnrollmentState>> ListActiveByCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        List<EnrollmentState>? active = null;
        foreach (var s in await ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            if (s.Status != EnrollmentStatus.Exited)
            {
                (active ??= []).Add(s);
            }
        }

        return active ?? (IReadOnlyList<EnrollmentState>)[];
    }

    /// <summary>The customer's enrollments in journey <paramref name="journeyId"/> (any version, active and exited), in the order
    /// of <see cref="ListByCustomerAsync"/>: what the entry rules read. By default filtered from that list.</summary>
    async ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAndJourneyAsync(string customerId, string journeyId, CancellationToken cancellationToken)
    {
        List<EnrollmentState>? mine = null;
        foreach (var s in await ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(s.JourneyId, journeyId, StringComparison.Ordinal))
            {
                (mine ??= []).Add(s);
            }
        }

        return mine ?? (IReadOnlyList<EnrollmentState>)[];
    }
}
