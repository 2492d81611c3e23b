using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>The guards' decision for one message. Immutable.</summary>
/// <param name="Outcome">Send, suppress or defer.</param>
/// <param name="Channel">The channel chosen (after preferred/fallback), or the last one tried when none could be used.</param>
/// <param name="Reason">Why not sent (a <see cref="DeliveryReasons"/> code or a suppression rule name).</param>
/// <param name="Detail">Extra detail: the cap's name for <c>frequency-cap</c>.</param>
/// <param name="DeferUntil">For <see cref="GuardOutcome.Defer"/>: the first allowed instant.</param>
public sealed record GuardDecision(GuardOutcome Outcome, string? Channel, string? Reason = null, string? Detail = null, Instant? DeferUntil = null);
