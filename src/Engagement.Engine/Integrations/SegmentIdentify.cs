using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Engine.Consent;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// A Segment <c>identify</c> → a <c>customer.updated</c> event (email, phone, birthday, locale, timezone on the profile;
/// every other trait, names included, into attributes; locale and timezone fall back to <c>context.locale</c> and
/// <c>context.timezone</c>), then one <c>consent.granted</c> or <c>consent.revoked</c> per consent trait.
/// </summary>
internal static class SegmentIdentify
{
    private static readonly string[] ProfileTraits = ["email", "phone", "birthday", "locale", "timezone"];

    /// <summary>The events for an <c>identify</c> call (the profile update first, then one per consent trait); false, with the
    /// offending <paramref name="field"/> and a one-line <paramref name="reason"/>, when the traits are unusable.</summary>
    public static bool TryMap(SegmentMessage message, SegmentMapping mapping, out List<CustomerEvent> events, out string? field, out string? reason)
    {
        events = [];
        var traits = message.Body["traits"];
        if (traits is not null and not JsonObject)
        {
            (field, reason) = ("traits", "'traits' must be an object { \"email\": ..., ... }");
            return false;
        }

        var data = new JsonObject();
        var attributes = new JsonObject();
        var consents = new List<(string Channel, bool Granted)>();
        foreach (var (name, value) in (JsonObject?)traits ?? [])
        {
            if (mapping.ConsentTraits.TryGetValue(name, out var channel))
            {
                if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    (field, reason) = ("traits." + name, $"'{name}' is a consent flag: expected true (grants {channel} marketing consent) or false (revokes it)");
                    return false;
                }

                consents.Add((channel, value.GetValue<bool>()));
            }
            else if (ProfileTraits.Contains(name))
            {
                if (!TryProfileField(name, value, out var text, out reason))
                {
                    field = "traits." + name;
                    return false;
                }

                data[name] = text;
            }
            else
            {
                attributes[name] = value?.DeepClone();
            }
        }

        foreach (var name in (string[])["locale", "timezone"])
        {
            if (data[name] is null && SegmentMessage.Text((message.Body["context"] as JsonObject)?[name]) is { } fromContext)
            {
                data[name] = fromContext;
            }
        }

        if (attributes.Count > 0)
        {
            data["attributes"] = attributes;
        }

        if (!EventLine.TryBuild(message.EventId(), "customer.updated", message.CustomerId, message.Time, data, out var updated, out field, out reason))
        {
            field = field?.Replace("data.attributes.", "traits.", StringComparison.Ordinal).Replace("data.", "traits.", StringComparison.Ordinal);
            return false;
        }

        events.Add(updated!);
        foreach (var (channel, granted) in consents)
        {
            var consent = new JsonObject { ["channel"] = channel, ["purpose"] = "marketing", ["source"] = "segment identify" };
            if (!EventLine.TryBuild(message.EventId("consent." + channel), granted ? ConsentEvents.Granted : ConsentEvents.Revoked,
                message.CustomerId, message.Time, consent, out var e, out field, out reason))
            {
                return false;
            }

            events.Add(e!);
        }

        (field, reason) = (null, null);
        return true;
    }

    private static bool TryProfileField(string name, JsonNode? value, out string? text, out string? reason)
    {
        reason = null;
        text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : null;
        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return true; // a cleared trait leaves the stored value
        }

        if (string.IsNullOrEmpty(text))
        {
            reason = $"'{name}' must be non-empty text";
            return false;
        }

        if (name == "birthday")
        {
            // Segment sends birthdays as ISO dates or date-times ("1990-05-01T00:00:00.000Z"): the date part is the birthday.
            var date = text.Length > 10 && text[10] == 'T' ? text[..10] : text;
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                && !(date.StartsWith("--", StringComparison.Ordinal) && DateOnly.TryParseExact("2000" + date[1..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            {
                reason = "'birthday' is not a date: expected ISO-8601 such as \"1990-05-01\" (or a date-time, whose date is taken)";
                return false;
            }

            text = date;
        }

        return true;
    }
}
