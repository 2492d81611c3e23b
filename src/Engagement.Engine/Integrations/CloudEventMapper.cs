using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>One decoded CloudEvent → one engine event, by the rules of <see cref="CloudEventMapping"/>.</summary>
internal sealed class CloudEventMapper(CloudEventMapping mapping)
{
    public InboundItem Map(CloudEvent cloudEvent, int position, string raw, Instant receivedAt)
    {
        var id = cloudEvent.Id!;
        var source = cloudEvent.Source!.OriginalString;
        var customerId = cloudEvent[mapping.CustomerIdAttribute]?.ToString();
        if (string.IsNullOrWhiteSpace(customerId))
        {
            customerId = cloudEvent.Subject;
        }

        if (string.IsNullOrWhiteSpace(customerId))
        {
            return InboundItem.Rejected(position, raw, id, mapping.CustomerIdAttribute,
                $"no customer id: set the extension attribute '{mapping.CustomerIdAttribute}' or 'subject' to the customer's id");
        }

        var type = mapping.EngineType(cloudEvent.Type!);
        var time = cloudEvent.Time is { } t ? Instant.FromDateTimeOffset(t) : receivedAt;
        if (!TryData(cloudEvent, out var data, out var reason))
        {
            return InboundItem.Rejected(position, raw, id, "data", reason!);
        }

        return EventLine.TryBuild(CloudEventMapping.EventId(source, id), type, customerId, time, data, out var e, out var field, out var error)
            ? InboundItem.Translated(position, raw, id, [e!])
            : InboundItem.Rejected(position, raw, id, field, error!);
    }

    private static bool TryData(CloudEvent cloudEvent, out JsonObject? data, out string? reason)
    {
        data = null;
        reason = null;
        switch (cloudEvent.Data)
        {
            case null:
                return true;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                data = JsonNode.Parse(element.GetRawText())!.AsObject();
                return true;
            case JsonElement { ValueKind: JsonValueKind.Null }:
                return true;
            case JsonElement element:
                reason = $"'data' is a JSON {element.ValueKind.ToString().ToLowerInvariant()}: expected a JSON object (it becomes the engine event's data)";
                return false;
            default:
                reason = $"'data' is not JSON (datacontenttype '{cloudEvent.DataContentType ?? "none"}'): expected application/json data holding an object";
                return false;
        }
    }
}
