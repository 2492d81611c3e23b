using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// The common fields of one Segment call, read and checked: <c>messageId</c> (the dedupe key; a hash of the message when
/// absent), <c>userId</c> (the customer id), <c>timestamp</c> (the event time; the time received when absent).
/// </summary>
internal sealed record SegmentMessage(JsonObject Body, string Raw, string MessageId, string CustomerId, Instant Time)
{
    /// <summary>The engine event id for this message, with a suffix for a second event made from it.</summary>
    public string EventId(string? suffix = null) => suffix is null ? "seg:" + MessageId : $"seg:{MessageId}#{suffix}";

    /// <summary>Reads the common fields of <paramref name="body"/> (<paramref name="raw"/> is its text, hashed for the id
    /// when <c>messageId</c> is absent). <paramref name="id"/> (the message id or that hash) is set unless <c>messageId</c> itself is
    /// unusable, so a refused call can still be recognised on retry. False, with the offending <paramref name="field"/> and a
    /// one-line <paramref name="reason"/>, for an unusable <c>messageId</c>, a missing or unusable <c>userId</c> (for example an
    /// anonymous visitor) or a <c>timestamp</c> that is not an ISO-8601 instant.</summary>
    public static bool TryRead(JsonObject body, string raw, Instant receivedAt, out SegmentMessage? message, out string? id, out string? field, out string? reason)
    {
        message = null;
        id = Text(body["messageId"]);
        if (body["messageId"] is not null && id is null)
        {
            (field, reason) = ("messageId", "'messageId' must be non-empty text (the dedupe key)");
            return false;
        }

        id ??= "sha256-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..32].ToLowerInvariant();
        var userId = Text(body["userId"]);
        if (userId is null)
        {
            field = "userId";
            reason = Text(body["anonymousId"]) is not null
                ? "only an anonymousId: anonymous visitors are not kept; send the customer's id as userId (call identify once the visitor is known)"
                : body["userId"] is null ? "'userId' is missing: expected the customer's id" : "'userId' must be non-empty text or a number: expected the customer's id";
            return false;
        }

        var time = receivedAt;
        if (body["timestamp"] is { } stamp)
        {
            if (Text(stamp) is not { } text || !InstantText.TryParse(text, out time))
            {
                (field, reason) = ("timestamp", "'timestamp' is not an instant: expected ISO-8601 with Z or an offset, e.g. \"2026-03-01T09:00:00.000Z\"");
                return false;
            }
        }

        message = new SegmentMessage(body, raw, id, userId, time);
        (field, reason) = (null, null);
        return true;
    }

    /// <summary>
    /// As <see cref="TryRead(JsonObject, string, Instant, out SegmentMessage?, out string?, out string?, out string?)"/>; with
    /// <paramref name="resolve"/>, a call without <c>userId</c> (absent or null, an <c>anonymousId</c> or not) that names a contact
    /// is the call of the one customer with it: an identify's <c>traits.email</c>, else <c>traits.phone</c>; a track's
    /// <c>context.traits.email</c>, else <c>context.traits.phone</c> (<see cref="Events.ContactReference"/>). None or several
    /// refuse it (field <c>userId</c>).
    /// </summary>
    public static bool TryRead(JsonObject body, string raw, Instant receivedAt, string call, Events.CustomerByContact? resolve,
        out SegmentMessage? message, out string? id, out string? field, out string? reason)
    {
        if (TryRead(body, raw, receivedAt, out message, out id, out field, out reason) || field != "userId" || body["userId"] is not null || resolve is null)
        {
            return message is not null;
        }

        var customer = Events.ContactReference.Resolve(resolve, Contacts(body, call), "userId", out var unresolved);
        if (unresolved is not null)
        {
            reason = unresolved;
            return false;
        }

        if (customer is null)
        {
            return false;
        }

        // The same call with the customer found as its userId (the raw text, and so a hashed message id, stays as sent).
        var named = body.DeepClone().AsObject();
        named["userId"] = customer;
        return TryRead(named, raw, receivedAt, out message, out id, out field, out reason);
    }

    /// <summary>The contact a call without <c>userId</c> would be resolved by (the first of its contact fields that holds text), or null.</summary>
    internal static (string Kind, string Value)? ContactNamed(JsonObject body, string call) =>
        body["userId"] is null ? Events.ContactReference.First(Contacts(body, call)) : null;

    /// <summary>The contact fields a call without userId may name its customer by, in order.</summary>
    private static IEnumerable<(string Field, string Kind, string? Value)> Contacts(JsonObject body, string call)
    {
        var (traits, prefix) = call == "identify"
            ? (body["traits"] as JsonObject, "traits.")
            : ((body["context"] as JsonObject)?["traits"] as JsonObject, "context.traits.");
        foreach (var kind in (string[])["email", "phone"])
        {
            yield return (prefix + kind, kind, Text(traits?[kind]));
        }
    }

    /// <summary>Non-blank text, or a number as its JSON text; null otherwise.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => value.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s : null,
            System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
