namespace Engagement.Journeys.Runtime;

/// <summary>
/// A customer's enrollments in one journey (any version) as the entry rules read them: whole states (every enrollment that has
/// not exited, and any exited one the host holds whole), and exited enrollments the host keeps only as their key and entry time.
/// Together they are every enrollment of the customer in the journey; the order of <see cref="States"/> is the order in which
/// <see cref="JourneyEntry"/> names enrollments to exit. Immutable.
/// </summary>
/// <remarks>
/// The rules read of an exited enrollment only its key and entry time, so a host that holds most enrollments exited (a
/// simulation after a year holds about fifteen a member) answers with <see cref="ExitedEnrollment"/> values instead of building
/// a state, with its id, for each.
/// </remarks>
public readonly struct EntryHistory
{
    private readonly IReadOnlyList<EnrollmentState>? _states;
    private readonly IReadOnlyList<ExitedEnrollment>? _exited;

    /// <summary>A history of whole states and exited enrollments held as key and entry time.</summary>
    /// <param name="states">Whole states: every enrollment that has not exited, in order, and exited ones held whole.</param>
    /// <param name="exited">The other exited enrollments.</param>
    public EntryHistory(IReadOnlyList<EnrollmentState> states, IReadOnlyList<ExitedEnrollment> exited)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(exited);
        _states = states;
        _exited = exited;
    }

    /// <summary>A history of whole states only.</summary>
    /// <param name="states">Every enrollment of the customer in the journey.</param>
    public EntryHistory(IReadOnlyList<EnrollmentState> states)
        : this(states, [])
    {
    }

    /// <summary>No enrollments.</summary>
    public static EntryHistory Empty => default;

    /// <summary>The enrollments held as whole states.</summary>
    public IReadOnlyList<EnrollmentState> States => _states ?? [];

    /// <summary>The exited enrollments held as key and entry time.</summary>
    public IReadOnlyList<ExitedEnrollment> Exited => _exited ?? [];

    /// <summary>Every enrollment: <see cref="States"/> and <see cref="Exited"/>.</summary>
    public int Count => States.Count + Exited.Count;
}
