namespace Engagement.Local.Http;

/// <summary>What a dashboard session may see. Viewers see counts and statistics; operators and admins also see rendered
/// message bodies (and, where shown, contact details).</summary>
public enum DashboardRole
{
    /// <summary>Counts, funnels, statistics, KPIs.</summary>
    Viewer,
    /// <summary>Also rendered messages.</summary>
    Operator,
    /// <summary>Everything.</summary>
    Admin,
}
