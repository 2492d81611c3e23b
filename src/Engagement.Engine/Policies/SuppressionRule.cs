using Engagement.Journeys.Definitions;
using Engagement.Journeys.Expressions;

namespace Engagement.Engine.Policies;

/// <summary>A named suppression rule: when <c>When</c> is true for the profile, matching messages are not sent (reason = the name). Immutable.</summary>
/// <param name="Name">Rule name, e.g. <c>open-complaint</c>; the timeline reason.</param>
/// <param name="When">Condition over <c>profile.*</c> (and <c>enrollment.*</c>, <c>event.*</c>).</param>
/// <param name="Scope">Which categories it applies to (default marketing).</param>
public sealed record SuppressionRule(string Name, Expression When, PolicyScope Scope)
{
    /// <summary>Whether the rule applies to a message of this category.</summary>
    public bool AppliesTo(JourneyCategory category) => Scope == PolicyScope.All || (Scope == PolicyScope.Marketing) == (category == JourneyCategory.Marketing);
}
