using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// Reads the bodies of the Segment HTTP tracking API (<c>/v1/identify</c>, <c>/v1/track</c>, <c>/v1/batch</c>, and
/// <c>/v1/page</c>, <c>/v1/screen</c>, <c>/v1/group</c>, which are accepted and ignored) into <see cref="InboundItem"/>s
/// with a <see cref="SegmentMapping"/>. A message that cannot be used is refused with its field and reason; a body that
/// is wholly unusable throws <see cref="InboundFormatException"/>. With <c>resolve</c>, a call without <c>userId</c> may name its
/// customer by a contact trait (docs/integrations.md). Host-neutral and thread-safe.
/// </summary>
public sealed class SegmentReader(SegmentMapping mapping, Events.CustomerByContact? resolve = null)
{
    /// <summary>The calls with a route of their own (<c>/v1/{call}</c>), besides <c>batch</c>.</summary>
    public static IReadOnlyList<string> Calls { get; } = ["identify", "track", "page", "screen", "group", "alias"];

    private static readonly string[] IgnoredCalls = ["page", "screen", "group"];
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The messages of a body posted to <c>/v1/{call}</c> (<paramref name="call"/> is <c>batch</c> or one of <see cref="Calls"/>).</summary>
    public IReadOnlyList<InboundItem> Read(string call, ReadOnlyMemory<byte> body, Instant receivedAt)
    {
        ArgumentNullException.ThrowIfNull(call);
        Utf8Body.ThrowIfInvalid(body.Span);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new InboundFormatException($"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InboundFormatException(call == "batch" ? "The body must be an object { \"batch\": [ ... ] }." : $"The body must be one {call} call, a JSON object.");
            }

            if (call != "batch")
            {
                return [ReadOne(root, call, 1, receivedAt)];
            }

            if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                throw new InboundFormatException("The body must be an object with a list of calls: { \"batch\": [ ... ] }.");
            }

            if (batch.GetArrayLength() == 0)
            {
                throw new InboundFormatException("The batch holds no calls: send at least one.");
            }

            var items = new List<InboundItem>(batch.GetArrayLength());
            foreach (var element in batch.EnumerateArray())
            {
                items.Add(ReadOne(element, null, items.Count + 1, receivedAt));
            }

            return items;
        }
    }

    /// <summary>
    /// The contacts the calls of a body name in place of a <c>userId</c> (an identify's <c>traits.email</c>/<c>phone</c>, a
    /// track's <c>context.traits.email</c>/<c>phone</c>), for <see cref="Events.ContactPrefetch"/> before <see cref="Read"/>. A
    /// body <see cref="Read"/> cannot use names none (Read says why).
    /// </summary>
    public static IReadOnlyList<(string Kind, string Value)> ContactsNamed(string call, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(call);
        var contacts = new List<(string Kind, string Value)>();
        List<JsonElement> elements;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return contacts; // Read refuses the body with the reason
        }

        using (document)
        {
            var root = document.RootElement;
            elements = call != "batch"
                ? [root]
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("batch", out var batch) && batch.ValueKind == JsonValueKind.Array
                    ? batch.EnumerateArray().ToList()
                    : [];
            foreach (var element in elements.Where(e => e.ValueKind == JsonValueKind.Object))
            {
                try
                {
                    var message = JsonNode.Parse(element.GetRawText(), documentOptions: DocumentOptions)!.AsObject();
                    if ((call == "batch" ? Type(message) : call) is { } type and ("identify" or "track") && SegmentMessage.ContactNamed(message, type) is { } contact)
                    {
                        contacts.Add(contact);
                    }
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
                {
                    // Read refuses this call with the reason.
                }
            }
        }

        return contacts;
    }

    /// <summary>One call; <paramref name="call"/> is the route's, or null in a batch (then the element's <c>type</c>).</summary>
    private InboundItem ReadOne(JsonElement element, string? call, int position, Instant receivedAt)
    {
        var raw = element.GetRawText(); // as sent: escapes, numbers and all
        if (element.ValueKind != JsonValueKind.Object)
        {
            return InboundItem.Rejected(position, raw, null, null, "a call must be a JSON object { \"type\", \"userId\", ... }");
        }

        try
        {
            var body = JsonNode.Parse(raw, documentOptions: DocumentOptions)!.AsObject();
            return TryProperties(body, out _)
                ? Map(body, raw, call ?? Type(body), position, receivedAt)
                : InboundItem.Rejected(position, raw, null, null, "a property appears twice in the call");
        }
        catch (ArgumentException)
        {
            // A nested object (traits, properties) with a name twice: System.Text.Json refuses it on first use.
            return InboundItem.Rejected(position, raw, null, null, "a property appears twice in an object of the call");
        }
        catch (InvalidOperationException)
        {
            return InboundItem.Rejected(position, raw, null, null, "a text value holds an unpaired UTF-16 surrogate escape (such as \\ud800): send valid Unicode");
        }
    }

    private InboundItem Map(JsonObject body, string raw, string? call, int position, Instant receivedAt)
    {
        var id = SegmentMessage.Text(body["messageId"]);
        if (call is null)
        {
            return InboundItem.Rejected(position, raw, id, "type", "'type' is missing or not text: expected identify, track, page, screen or group");
        }

        if (IgnoredCalls.Contains(call))
        {
            return InboundItem.Skipped(position, raw, id, call);
        }

        if (call is not ("identify" or "track"))
        {
            return InboundItem.Rejected(position, raw, id, "type", call == "alias"
                ? "alias is not supported: merge customer ids in the CRM and send the surviving id as userId"
                : $"'{call}' is not a Segment call this API takes: expected identify, track, page, screen or group");
        }

        if (!SegmentMessage.TryRead(body, raw, receivedAt, call, resolve, out var message, out id, out var field, out var reason))
        {
            return InboundItem.Rejected(position, raw, id, field, reason!);
        }

        // A call refused after its customer is known keeps that customer as its owner (erasure finds it, even when the
        // customer was named only by a contact).
        if (call == "identify")
        {
            return SegmentIdentify.TryMap(message!, mapping, out var events, out field, out reason)
                ? InboundItem.Translated(position, raw, id, events)
                : InboundItem.Rejected(position, raw, id, field, reason!) with { CustomerId = message!.CustomerId };
        }

        return SegmentTrack.TryMap(message!, mapping, out var e, out field, out reason)
            ? InboundItem.Translated(position, raw, id, [e!])
            : InboundItem.Rejected(position, raw, id, field, reason!) with { CustomerId = message!.CustomerId };
    }

    private static string? Type(JsonObject message) =>
        TryProperties(message, out var members) && members.GetValueOrDefault("type") is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>().Trim().ToLowerInvariant()
            : null;

    /// <summary>The members of an object; false when a name appears twice (System.Text.Json refuses such an object on first use).</summary>
    private static bool TryProperties(JsonObject o, out Dictionary<string, JsonNode?> members)
    {
        try
        {
            members = o.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            return true;
        }
        catch (ArgumentException)
        {
            members = [];
            return false;
        }
    }
}
