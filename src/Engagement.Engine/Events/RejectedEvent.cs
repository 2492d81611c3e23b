using NodaTime;

namespace Engagement.Engine.Events;

/// <summary>An input that could not be processed, kept with its reason so nothing is lost. Immutable.</summary>
/// <param name="Source">Where it came from: <c>http</c>, <c>file.jsonl:12</c>, <c>servicebus</c>.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Raw">The raw text as received (may hold personal data: stored, never logged).</param>
/// <param name="Field">The field at fault (<c>customerId</c>, <c>time</c>, ...), or null for malformed JSON.</param>
/// <param name="Reason">What is wrong and what was expected.</param>
/// <param name="EventId">The event id when one could be read.</param>
public sealed record RejectedEvent(string Source, Instant ReceivedAt, string Raw, string? Field, string Reason, string? EventId = null);
