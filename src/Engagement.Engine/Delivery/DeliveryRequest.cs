using Engagement.Engine.Profiles;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>One message the core decided to send, with what the guards need to judge it. Immutable.</summary>
/// <param name="Journey">The journey (its category and priority matter to the guards).</param>
/// <param name="Enrollment">The enrollment after the Advance that produced the send.</param>
/// <param name="Send">The send effect (channel, template, fallback, ledger key).</param>
/// <param name="Profile">The customer's profile now.</param>
/// <param name="Now">When.</param>
public sealed record DeliveryRequest(JourneyDefinition Journey, EnrollmentState Enrollment, SendMessage Send, CustomerProfile Profile, Instant Now);
