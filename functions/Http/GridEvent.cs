namespace Engagement.Functions.Http;

/// <summary>One event of an Event Grid delivery, whichever schema it came in. Immutable.</summary>
/// <param name="Type">The event type (<c>Microsoft.Communication.EmailDeliveryReportReceived</c>, ...).</param>
/// <param name="Data">The system event's typed data (from Azure.Messaging.EventGrid), or null for a type it does not know.</param>
/// <param name="Time">When the event happened, as the envelope says.</param>
public sealed record GridEvent(string Type, object? Data, DateTimeOffset Time);
