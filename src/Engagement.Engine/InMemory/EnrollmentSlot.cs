using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.InMemory;

/// <summary>
/// One enrollment in a customer's list in <see cref="InMemoryStores"/>: the id of a state kept whole (<see cref="Exited"/> false),
/// or, when the stores compact, an exited enrollment inline with only what the entry rules and routing read of it (id, journey
/// and version, key, entry time: 48 bytes) instead of a state object and an entry in the id index. A large simulation holds
/// most of its enrollments this way (about fifteen exited ones a member after a simulated year). Immutable.
/// </summary>
/// <param name="EnrollmentId">The enrollment id.</param>
/// <param name="Exited">Whether the enrollment is held inline as exited (else the state is in the id index).</param>
/// <param name="JourneyId">An exited enrollment's journey id.</param>
/// <param name="JourneyVersion">An exited enrollment's journey version.</param>
/// <param name="Key">An exited enrollment's key.</param>
/// <param name="EnteredAt">An exited enrollment's entry time.</param>
internal readonly record struct EnrollmentSlot(string EnrollmentId, bool Exited, string? JourneyId, int JourneyVersion, string? Key, Instant EnteredAt)
{
    /// <summary>The slot of a state kept whole in the id index.</summary>
    public static EnrollmentSlot Indexed(string enrollmentId) => new(enrollmentId, false, null, 0, null, default);

    /// <summary>The slot of an exited enrollment, held inline.</summary>
    public static EnrollmentSlot Of(EnrollmentState exited) =>
        new(exited.EnrollmentId, true, exited.JourneyId, exited.JourneyVersion, exited.Key, exited.EnteredAt);

    /// <summary>An exited slot read back as a state of customer <paramref name="customerId"/>: status exited, the kept fields; no
    /// step, exit time or reason, variant, holdout, goal time, triggering event or step occurrences (the timeline has them).</summary>
    public EnrollmentState ToState(string customerId) => new()
    {
        EnrollmentId = EnrollmentId, JourneyId = JourneyId!, JourneyVersion = JourneyVersion, CustomerId = customerId, Key = Key!,
        Status = EnrollmentStatus.Exited, EnteredAt = EnteredAt,
    };
}
