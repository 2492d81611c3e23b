using System.Text;
using Engagement.Engine.Events;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// The body of a queue message: an engine event line, or one CloudEvent in structured mode (a JSON object with a
/// <c>specversion</c> member, as Event Grid delivers CloudEvents into Service Bus), mapped with a <see cref="CloudEventMapping"/>.
/// A CloudEvent without <c>time</c> takes the time the queue received it, so a redelivery maps to the same event.
/// </summary>
public static class BusBody
{
    /// <summary>Parses; on failure <paramref name="field"/> names the field at fault (null when not about one) and <paramref name="error"/> says why.</summary>
    public static bool TryParse(string body, CloudEventMapping cloudEvents, Instant enqueuedTime, out CustomerEvent? customerEvent, out string? field, out string? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(cloudEvents);
        if (!IsCloudEvent(body))
        {
            return EventParser.TryParse(body, out customerEvent, out field, out error);
        }

        customerEvent = null;
        InboundItem item;
        try
        {
            item = new CloudEventReader(cloudEvents).ReadStructured(Encoding.UTF8.GetBytes(body), batch: false, enqueuedTime)[0];
        }
        catch (InboundFormatException ex)
        {
            (field, error) = (null, ex.Message);
            return false;
        }

        if (item.IsRejected)
        {
            (field, error) = (item.Field, "CloudEvent: " + item.Reason);
            return false;
        }

        (customerEvent, field, error) = (item.Events[0], null, null);
        return true;
    }

    /// <summary>Whether the body looks like a structured-mode CloudEvent: a JSON object whose top level has <c>specversion</c>
    /// (an engine event line never has it: unknown top-level fields are refused).</summary>
    public static bool IsCloudEvent(string body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body, new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("specversion", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
