using Engagement.Engine.Delivery;
using NodaTime;

namespace Engagement.Local.Hosting;

/// <summary>A rendered message in the outbox and its delivery by the channel's transport. Holds contact details. Immutable.</summary>
/// <param name="Sequence">Position in the outbox (increasing).</param>
/// <param name="Message">The rendered message.</param>
/// <param name="CreatedAt">When the pipeline wrote it (the stimulus's time).</param>
/// <param name="Transport">The transport that delivers it: <c>outbox</c>, <c>smtp</c>, <c>webhook</c>.</param>
/// <param name="State">pending, delivered, failed.</param>
/// <param name="Attempts">Transport attempts made.</param>
/// <param name="LastError">The last failure's reason (no personal data).</param>
/// <param name="DeliveredAt">When the transport accepted it.</param>
public sealed record OutboxEntry(long Sequence, OutboundMessage Message, Instant CreatedAt, string Transport, string State, int Attempts, string? LastError, Instant? DeliveredAt);
