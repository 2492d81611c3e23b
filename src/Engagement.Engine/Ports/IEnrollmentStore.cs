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
    async ValueTask<IReadOnlyList<EnrollmentState>> ListActiveByCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Filter(await ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false), 0, static (s, _) => s.Status != EnrollmentStatus.Exited);

    /// <summary>The customer's enrollments in journey <paramref name="journeyId"/> (any version, active and exited), in the order
    /// of <see cref="ListByCustomerAsync"/>: what the entry rules read. By default filtered from that list.</summary>
    async ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAndJourneyAsync(string customerId, string journeyId, CancellationToken cancellationToken) =>
        Filter(await ListByCustomerAsync(customerId, cancellationToken).ConfigureAwait(false), journeyId, static (s, id) => string.Equals(s.JourneyId, id, StringComparison.Ordinal));

    /// <summary>The customer's enrollments in journey <paramref name="journeyId"/> as the entry rules read them
    /// (<see cref="EntryHistory"/>). By default every one as a whole state, from <see cref="ListByCustomerAndJourneyAsync"/>; a
    /// store that keeps exited enrollments compactly (<see cref="InMemory.InMemoryStores"/>) gives those as key and entry time
    /// without building their states.</summary>
    async ValueTask<EntryHistory> EntryHistoryAsync(string customerId, string journeyId, CancellationToken cancellationToken) =>
        new(await ListByCustomerAndJourneyAsync(customerId, journeyId, cancellationToken).ConfigureAwait(false));

    /// <summary>The states <paramref name="keep"/> keeps, in order, without an iterator or closure; none gives a shared empty list.</summary>
    private static IReadOnlyList<EnrollmentState> Filter<TArg>(IReadOnlyList<EnrollmentState> all, TArg arg, Func<EnrollmentState, TArg, bool> keep)
    {
        List<EnrollmentState>? kept = null;
        foreach (var s in all)
        {
            if (keep(s, arg))
            {
                (kept ??= []).Add(s);
            }
        }

        return kept ?? (IReadOnlyList<EnrollmentState>)[];
    }
}
