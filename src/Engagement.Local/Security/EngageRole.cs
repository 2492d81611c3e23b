namespace Engagement.Local.Security;

/// <summary>
/// What an API key (or a dashboard session signed in with one) may do. <see cref="Viewer"/> ⊂ <see cref="Operator"/> ⊂
/// <see cref="Admin"/>; <see cref="Ingest"/> stands apart (it posts events and reads nothing); <see cref="Admin"/> may do
/// everything, ingest included. Every route of <c>engage serve</c> states the least role it needs (docs/security.md).
/// </summary>
public enum EngageRole
{
    /// <summary>Posts events only: <c>POST /events</c>, the Segment routes <c>/v1/*</c>. Reads nothing.</summary>
    Ingest,

    /// <summary>Counts without contact details: journeys, status, the dashboard's funnels and statistics.</summary>
    Viewer,

    /// <summary>Also customer data: profiles, tasks, outbox bodies, the dashboard's rendered messages.</summary>
    Operator,

    /// <summary>Everything: also erasure, consent changes, key changes, and ingest.</summary>
    Admin,
}
