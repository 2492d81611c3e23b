using Engagement.Journeys.Expressions;

namespace Engagement.Journeys.Definitions;

/// <summary>What enrolls a customer: an event type, an optional condition, and the enrollment key. Immutable.</summary>
/// <param name="Event">The event type, e.g. <c>complaint.opened</c>.</param>
/// <param name="When">Optional condition over <c>event.*</c> and <c>profile.*</c>.</param>
/// <param name="Key">Optional expression for the enrollment key; the same key never enrolls twice (subject to re-entry). Default: the customer id.</param>
/// <param name="Location">Where the trigger was written.</param>
public sealed record TriggerDefinition(string Event, Expression? When, Expression? Key, SourceLocation Location);
