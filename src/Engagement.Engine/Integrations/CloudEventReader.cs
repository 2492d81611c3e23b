using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.SystemTextJson;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// Reads CloudEvents 1.0 from a request in any of the three HTTP modes with the CloudNative.CloudEvents SDK and its
/// System.Text.Json formatter, and maps each with a <see cref="CloudEventMapping"/>. An element the SDK refuses (a missing
/// <c>id</c>, an unsupported spec version, a <c>time</c> that is not a timestamp) is kept as refused with the SDK's reason;
/// a body that is no CloudEvent at all (not JSON, a batch that is not an array) throws <see cref="InboundFormatException"/>.
/// Host-neutral: the embedded HTTP API, the Functions HTTP ingest and the Service Bus router call it. Thread-safe.
/// </summary>
public sealed class CloudEventReader(CloudEventMapping mapping)
{
    private const string HeaderPrefix = "ce-";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private readonly JsonEventFormatter _formatter = new(new JsonSerializerOptions(), DocumentOptions);

    /// <summary>The mode a request's content type and headers select.</summary>
    public static CloudEventMode Detect(string? contentType, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (MimeUtilities.IsCloudEventsBatchContentType(contentType))
        {
            return CloudEventMode.Batch;
        }

        if (MimeUtilities.IsCloudEventsContentType(contentType))
        {
            return CloudEventMode.Structured;
        }

        return header(HeaderPrefix + "specversion") is not null ? CloudEventMode.Binary : CloudEventMode.None;
    }

    /// <summary>The elements of a structured-mode (one event) or batch-mode (an array) body.</summary>
    public IReadOnlyList<InboundItem> ReadStructured(ReadOnlyMemory<byte> body, bool batch, Instant receivedAt)
    {
        Utf8Body.ThrowIfInvalid(body.Span);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            if (batch)
            {
                throw new InboundFormatException($"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}): "
                    + "send a JSON array of CloudEvents.", ex);
            }

            return [InboundItem.Rejected(1, Text(body), null, null, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (!batch)
            {
                return [Read(root, 1, receivedAt)];
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new InboundFormatException("A batch (application/cloudevents-batch+json) must be a JSON array of CloudEvents.");
            }

            var items = new List<InboundItem>(root.GetArrayLength());
            foreach (var element in root.EnumerateArray())
            {
                items.Add(Read(element, items.Count + 1, receivedAt));
            }

            return items.Count > 0 ? items : throw new InboundFormatException("The batch holds no CloudEvents: send at least one.");
        }
    }

    /// <summary>The one element of a binary-mode request: attributes from the <c>ce-*</c> headers (percent-decoded, as the
    /// HTTP binding says), data from the body typed by <paramref name="contentType"/>.</summary>
    public InboundItem ReadBinary(IEnumerable<KeyValuePair<string, string>> headers, string? contentType, ReadOnlyMemory<byte> body, Instant receivedAt)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Utf8Body.ThrowIfInvalid(body.Span);
        var attributes = headers.Where(h => h.Key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key[HeaderPrefix.Length..].ToLowerInvariant(), Unescape(h.Value))).ToList();
        var raw = new JsonObject { ["headers"] = new JsonObject(attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)).DistinctBy(a => a.Key)), ["contentType"] = contentType, ["body"] = Text(body) };
        var id = attributes.FirstOrDefault(a => a.Key == "id").Value;
        try
        {
            var specVersion = attributes.FirstOrDefault(a => a.Key == "specversion").Value;
            var version = CloudEventsSpecVersion.FromVersionId(specVersion)
                ?? throw new ArgumentException($"Unsupported CloudEvents spec version '{specVersion}': expected 1.0");
            var cloudEvent = new CloudEvent(version);
            foreach (var (name, value) in attributes.Where(a => a.Key != "specversion"))
            {
                cloudEvent.SetAttributeFromString(name, value);
            }

            if (!body.IsEmpty)
            {
                cloudEvent.DataContentType = contentType;
                _formatter.DecodeBinaryModeEventData(body, cloudEvent);
            }

            cloudEvent.Validate();
            return new CloudEventMapper(mapping).Map(cloudEvent, 1, raw.ToJsonString(), receivedAt);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            return InboundItem.Rejected(1, raw.ToJsonString(), id, null, "not a valid CloudEvent: " + OneLine(ex.Message));
        }
    }

    private InboundItem Read(JsonElement element, int position, Instant receivedAt)
    {
        var raw = element.GetRawText();
        try
        {
            var cloudEvent = _formatter.ConvertFromJsonElement(element, extensionAttributes: null);
            return new CloudEventMapper(mapping).Map(cloudEvent, position, raw, receivedAt);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            return InboundItem.Rejected(position, raw, id, null, "not a valid CloudEvent: " + OneLine(ex.Message));
        }
    }

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static string Text(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Split(" (Parameter '", 2)[0];
}
