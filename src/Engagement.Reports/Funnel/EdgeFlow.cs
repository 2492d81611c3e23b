namespace Engagement.Reports.Funnel;

/// <summary>One arrow of the journey picture: from a step to a next one, why, and how often customers took it. Immutable.</summary>
/// <param name="From">Step left.</param>
/// <param name="To">Step gone to.</param>
/// <param name="Label">Branch condition, <c>otherwise</c>, the awaited event, <c>timeout P7D</c>, or a split variant and its share;
/// empty for the single next of a send, update or task step.</param>
/// <param name="Count">Times taken in the period.</param>
public sealed record EdgeFlow(string From, string To, string Label, long Count);
