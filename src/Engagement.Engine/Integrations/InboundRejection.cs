namespace Engagement.Engine.Integrations;

/// <summary>Why one element of a request was refused (it is kept with this reason). Immutable.</summary>
/// <param name="Position">1-based position of the element in the request.</param>
/// <param name="Field">The field at fault, or null.</param>
/// <param name="Reason">What is wrong and what was expected.</param>
/// <param name="Id">The element's id (CloudEvent <c>id</c>, Segment <c>messageId</c>) when one could be read.</param>
public sealed record InboundRejection(int Position, string? Field, string Reason, string? Id);
