using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>One send the core asked for, with what the guards need to decide it. Immutable.</summary>
/// <param name="Journey">The journey (category, priority, zone, default locale).</param>
/// <param name="Enrollment">The enrollment that produced the send.</param>
/// <param name="Send">The core's send effect (channel, template, fallback, ledger key).</param>
/// <param name="Profile">The customer's current profile.</param>
/// <param name="Now">The decision instant.</param>
public sealed record DeliveryRequest(JourneyDefinition Journey, EnrollmentState Enrollment, SendMessage Send, CustomerProfile Profile, Instant Now);
