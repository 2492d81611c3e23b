using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>One decoded CloudEvent → one engine event, by the rules of <see cref="CloudEventMapping"/>.</summary>
internal sealed class CloudEventMapper(CloudEventMapping mapping)
{
    /// <summary>The engine event for <paramref name="cloudEvent"/> (item <paramref name="position"/> of the request, text
    /// <paramref name="raw"/>): customer id from the mapping's extension attribute or else <c>subject</c>, type after the
    /// mapping's prefixes, time from <c>time</c> or else <paramref name="receivedAt"/>, data from a JSON object (or none). A
    /// rejected item, naming the field, when there is no customer id or the data is not a JSON object.</summary>
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
