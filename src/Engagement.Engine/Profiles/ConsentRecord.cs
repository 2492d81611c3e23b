using NodaTime;

namespace Engagement.Engine.Profiles;

/// <summary>One consent change, kept forever as history (an audit trail). Immutable.</summary>
/// <param name="Channel">email, sms or push.</param>
/// <param name="Purpose">Marketing or transactional.</param>
/// <param name="Granted">Granted (true) or revoked (false).</param>
/// <param name="At">When the customer gave or withdrew it.</param>
/// <param name="Source">Where it came from: the event id and type, an unsubscribe link, an inbound STOP.</param>
public sealed record ConsentRecord(string Channel, ConsentPurpose Purpose, bool Granted, Instant At, string Source);
