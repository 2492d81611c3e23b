using NodaTime;

namespace Engagement.Engine.Routing;

/// <summary>
/// A message as the event router sees it: the parts of a Service Bus message it needs, with no Service Bus types, so the
/// router is tested without the SDK. Immutable. The body may hold personal data: stored with rejections, never logged.
/// </summary>
/// <param name="MessageId">The message id (publishers set it to the event id, so Service Bus duplicate detection applies).</param>
/// <param name="SessionId">The session id: must equal the event's <c>customerId</c> (one session per customer keeps order).</param>
/// <param name="Body">The body: one event as JSON text.</param>
/// <param name="DeliveryCount">How many times the message has been delivered, this delivery included (1 the first time).</param>
/// <param name="EnqueuedTime">When the message was enqueued.</param>
public sealed record BusMessage(string? MessageId, string? SessionId, string Body, int DeliveryCount, Instant EnqueuedTime);
