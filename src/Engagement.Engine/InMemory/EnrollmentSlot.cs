using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.InMemory;

/// <summary>
/// One enrollment in a customer's list in <see cref="InMemoryStores"/>: the id and journey id of a state kept whole
/// (<see cref="Exited"/> false), or, when the stores compact, an exited enrollment inline with only what the entry rules and routing read of it (journey
/// and version, key, entry time, and its id: as the 8-byte hash of <see cref="EnrollmentIds.Format"/> when the id is in that
/// form, as every id the engine makes is, else as text) instead of a state object, its id string and an entry in the id index.
/// A large simulation holds most of its enrollments this way (about fifteen exited ones a member after a simulated year).
/// Immutable.
/// </summary>
internal readonly struct EnrollmentSlot
{
    private readonly string? _id;
    private readonly ulong _hash;

    private EnrollmentSlot(string? id, ulong hash, bool exited, string journeyId, int journeyVersion, string? key, Instant enteredAt)
    {
        _id = id;
        _hash = hash;
        Exited = exited;
        JourneyId = journeyId;
        JourneyVersion = journeyVersion;
        Key = key;
        EnteredAt = enteredAt;
    }

    /// <summary>Whether the enrollment is held inline as exited (else the state is in the id index).</summary>
    public bool Exited { get; }

    /// <summary>The enrollment's journey id (an indexed slot's too, so listing one journey's enrollments looks none up).</summary>
    public string JourneyId { get; }

    /// <summary>An exited enrollment's journey version.</summary>
    public int JourneyVersion { get; }

    /// <summary>An exited enrollment's key.</summary>
    public string? Key { get; }

    /// <summary>An exited enrollment's entry time.</summary>
    public Instant EnteredAt { get; }

    /// <summary>The id of an indexed slot.</summary>
    public string IndexedId => _id!;

    /// <summary>The slot of a state kept whole in the id index.</summary>
    public static EnrollmentSlot Indexed(EnrollmentState state) => new(state.EnrollmentId, 0, false, state.JourneyId, 0, null, default);

    /// <summary>The slot of an exited enrollment of customer <paramref name="customerId"/>, held inline.</summary>
    public static EnrollmentSlot Of(EnrollmentState exited, string customerId) =>
        EnrollmentIds.TryHashOf(exited.EnrollmentId, exited.JourneyId, exited.JourneyVersion, customerId, out var hash)
            ? new(null, hash, true, exited.JourneyId, exited.JourneyVersion, exited.Key, exited.EnteredAt)
            : new(exited.EnrollmentId, 0, true, exited.JourneyId, exited.JourneyVersion, exited.Key, exited.EnteredAt);

    /// <summary>Whether this is the slot of enrollment <paramref name="enrollmentId"/> in customer <paramref name="customerId"/>'s list.</summary>
    public bool Is(string enrollmentId, string customerId) => _id is not null
        ? string.Equals(_id, enrollmentId, StringComparison.Ordinal)
        : EnrollmentIds.Is(enrollmentId, JourneyId, JourneyVersion, customerId, _hash);

    /// <summary>An exited slot read back as a state of customer <paramref name="customerId"/>: status exited, the kept fields and
    /// the id (built again from its hash); no step, exit time or reason, variant, holdout, goal time, triggering event or step
    /// occurrences (the timeline has them).</summary>
    public EnrollmentState ToState(string customerId) => new()
    {
        EnrollmentId = _id ?? EnrollmentIds.Format(JourneyId, JourneyVersion, customerId, _hash), JourneyId = JourneyId,
        JourneyVersion = JourneyVersion, CustomerId = customerId, Key = Key!, Status = EnrollmentStatus.Exited, EnteredAt = EnteredAt,
    };
}
