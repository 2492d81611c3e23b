using Engagement.Engine.Ports;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;

namespace Engagement.Local.Storage;

/// <summary>
/// Enrollments: the state as JSON plus the columns queries need (customer, journey, status, step, wake time, awaited event,
/// holdout). Listed per customer in first-saved order, like the in-memory store, so both hosts step enrollments alike.
/// </summary>
internal sealed class SqliteEnrollmentStore(GroupState state) : IEnrollmentStore
{
    /// <inheritdoc/>
    public ValueTask<EnrollmentState?> GetAsync(string enrollmentId, CancellationToken cancellationToken)
    {
        if (!state.Owners.TryGet(enrollmentId, out var customerId))
        {
            customerId = state.Session.Scalar("SELECT customer_id FROM enrollments WHERE enrollment_id = $id", ("$id", enrollmentId)) as string;
            state.Owners.Loaded(enrollmentId, customerId);
        }

        return ValueTask.FromResult(customerId is null ? null : List(customerId).Find(e => e.EnrollmentId == enrollmentId));
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(EnrollmentState s, CancellationToken cancellationToken)
    {
        // Read the list before writing: a read after the write would load this group's uncommitted row as committed.
        var current = List(s.CustomerId);
        var index = -1;
        for (var i = 0; i < current.Count; i++)
        {
            if (ReferenceEquals(current[i], s))
            {
                return ValueTask.CompletedTask; // the very state stored already (the engine saves after every Advance)
            }

            if (index < 0 && current[i].EnrollmentId == s.EnrollmentId)
            {
                index = i;
            }
        }

        var list = new List<EnrollmentState>(current.Count + (index < 0 ? 1 : 0));
        list.AddRange(current);
        state.Session.Execute(
            """
            INSERT INTO enrollments (enrollment_id, customer_id, journey_id, journey_version, status, step_id, wake_at, awaiting_event, holdout, json)
            VALUES ($id, $c, $j, $v, $status, $step, $wake, $await, $holdout, $json)
            ON CONFLICT (enrollment_id) DO UPDATE SET status = excluded.status, step_id = excluded.step_id, wake_at = excluded.wake_at,
                awaiting_event = excluded.awaiting_event, holdout = excluded.holdout, json = excluded.json
            """,
            ("$id", s.EnrollmentId), ("$c", s.CustomerId), ("$j", s.JourneyId), ("$v", s.JourneyVersion), ("$status", Status(s.Status)),
            ("$step", s.StepId), ("$wake", Ticks.Of(s.WakeAt)), ("$await", s.AwaitingEvent), ("$holdout", s.Holdout ? 1 : 0),
            ("$json", state.Session.SealJson(s)));

        if (index >= 0)
        {
            list[index] = s;
        }
        else
        {
            list.Add(s);
        }

        state.Enrollments.Set(s.CustomerId, list);
        state.Owners.Set(s.EnrollmentId, s.CustomerId);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EnrollmentState>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<EnrollmentState>>(List(customerId));

    /// <summary>The column form of a status.</summary>
    public static string Status(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.New => "new",
        EnrollmentStatus.Waiting => "waiting",
        _ => "exited",
    };

    /// <summary>A customer's enrollments on any session.</summary>
    public static List<EnrollmentState> Read(SqliteSession session, string customerId) =>
        session.Query("SELECT json FROM enrollments WHERE customer_id = $c ORDER BY id", session, static (r, s) => EngineJson.Deserialize<EnrollmentState>(s.Open(r.GetString(0))), ("$c", customerId));

    private List<EnrollmentState> List(string customerId)
    {
        if (!state.Enrollments.TryGet(customerId, out var list) || list is null)
        {
            list = Read(state.Session, customerId);
            state.Enrollments.Loaded(customerId, list);
            foreach (var e in list)
            {
                state.Owners.Loaded(e.EnrollmentId, customerId);
            }
        }

        return list;
    }
}
