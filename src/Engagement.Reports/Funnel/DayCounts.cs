namespace Engagement.Reports.Funnel;

/// <summary>A journey's entries, sends and goals on one UTC day. Immutable.</summary>
/// <param name="Day"><c>yyyy-MM-dd</c>.</param>
/// <param name="Entered">Journey entries.</param>
/// <param name="Sent">Messages sent.</param>
/// <param name="Goals">Goals reached.</param>
public sealed record DayCounts(string Day, long Entered, long Sent, long Goals);
