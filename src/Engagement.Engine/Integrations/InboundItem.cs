using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// One element of an integrator's request (a CloudEvent, a Segment call) after translation: the engine events it became
/// (one input may become several, e.g. an identify with consent traits), or the reason it was refused, or a note that it
/// is of a kind the engine does not use (a Segment page view). The raw text is kept with a refusal so nothing is lost.
/// Immutable.
/// </summary>
/// <param name="Position">1-based position in the request (the element of a batch).</param>
/// <param name="Raw">The element's text as received (may hold personal data: stored with a refusal, never logged).</param>
/// <param name="Id">The element's own id (CloudEvent <c>id</c>, Segment <c>messageId</c>) when one could be read.</param>
/// <param name="Events">The engine events, in order; empty for a refused or ignored element.</param>
/// <param name="Field">The field at fault when refused (<c>userId</c>, <c>time</c>, <c>traits.birthday</c>), null when not about one field.</param>
/// <param name="Reason">Why it was refused; null when it was not.</param>
/// <param name="Ignored">The kind of an element accepted and ignored (<c>page</c>, <c>screen</c>, <c>group</c>); null otherwise.</param>
public sealed record InboundItem(int Position, string Raw, string? Id, IReadOnlyList<CustomerEvent> Events, string? Field, string? Reason, string? Ignored)
{
    /// <summary>The customer a refused element belongs to when it was known before the refusal (kept with it so an erasure
    /// finds it); null otherwise.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Whether the element was refused.</summary>
    public bool IsRejected => Reason is not null;

    /// <summary>An element that became engine events.</summary>
    public static InboundItem Translated(int position, string raw, string? id, IReadOnlyList<CustomerEvent> events) =>
        new(position, raw, id, events, null, null, null);

    /// <summary>An element refused with the field at fault and the reason.</summary>
    public static InboundItem Rejected(int position, string raw, string? id, string? field, string reason) =>
        new(position, raw, id, [], field, reason, null);

    /// <summary>An element of a kind the engine accepts and does not use.</summary>
    public static InboundItem Skipped(int position, string raw, string? id, string kind) =>
        new(position, raw, id, [], null, null, kind);
}
