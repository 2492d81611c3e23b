using Engagement.Journeys.Values;

namespace Engagement.Engine.Templates;

/// <summary>What to render: a template id for a channel, locales to try in order, and the model. Immutable.</summary>
/// <param name="TemplateId">Template id as written in the journey.</param>
/// <param name="Channel">email, sms or push (templates are per channel).</param>
/// <param name="Locales">Locales to try in order (profile locale, its language, the journey default, <c>en</c>).</param>
/// <param name="Profile">The profile as templates see it (<c>profile.*</c>; contact details are not exposed).</param>
/// <param name="Event">The event as templates see it (<c>event.*</c>).</param>
/// <param name="Enrollment">The enrollment (<c>enrollment.*</c>).</param>
/// <param name="Links">Links such as <c>unsubscribe</c> (<c>links.unsubscribe</c>).</param>
public sealed record TemplateRequest(string TemplateId, string Channel, IReadOnlyList<string> Locales, Value Profile, Value Event, Value Enrollment, IReadOnlyDictionary<string, string> Links);
