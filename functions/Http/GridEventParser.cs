using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace Engagement.Functions.Http;

/// <summary>
/// Reads an Event Grid webhook delivery with Azure.Messaging.EventGrid, in either delivery schema: the Event Grid schema (a JSON
/// array of events with <c>eventType</c>) or CloudEvents 1.0 (<c>specversion</c>; structured, one event or a batch). System
/// events' data comes back typed (<c>TryGetSystemEventData</c>).
/// </summary>
public static class GridEventParser
{
    /// <summary>Parses the body; a body that is not an Event Grid delivery gives a one-line <paramref name="error"/>.</summary>
    public static bool TryParse(BinaryData body, out IReadOnlyList<GridEvent> events, out string? error)
    {
        events = [];
        error = null;
        try
        {
            events = IsCloudEvents(body)
                ? CloudEvent.ParseMany(body).Select(e => new GridEvent(e.Type, e.TryGetSystemEventData(out var d) ? d : null, e.Time ?? DateTimeOffset.MinValue)).ToList()
                : EventGridEvent.ParseMany(body).Select(e => new GridEvent(e.EventType, e.TryGetSystemEventData(out var d) ? d : null, e.EventTime)).ToList();
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            error = "body: not an Event Grid or CloudEvents delivery (" + ex.GetType().Name + ")";
            return false;
        }
    }

    /// <summary>CloudEvents carry <c>specversion</c> on every event; the Event Grid schema never does.</summary>
    private static bool IsCloudEvents(BinaryData body)
    {
        using var document = JsonDocument.Parse(body);
        var first = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().FirstOrDefault()
            : document.RootElement;
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("specversion", out _);
    }
}
