using System.Text.Json.Nodes;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Integrations;

/// <summary>A Segment <c>track</c> → one engine event: the type and renamed properties from the table, every other property as sent.</summary>
internal static class SegmentTrack
{
    /// <summary>The engine event for a <c>track</c> call; false, with the offending <paramref name="field"/> and a one-line
    /// <paramref name="reason"/>, when <c>event</c> is missing or not text or the properties are unusable.</summary>
    public static bool TryMap(SegmentMessage message, SegmentMapping mapping, out CustomerEvent? e, out string? field, out string? reason)
    {
        e = null;
        var name = SegmentMessage.Text(message.Body["event"]);
        if (name is null)
        {
            (field, reason) = ("event", message.Body["event"] is null ? "'event' is missing: expected the event name, e.g. \"Order Completed\"" : "'event' must be non-empty text");
            return false;
        }

        var properties = message.Body["properties"];
        if (properties is not null and not JsonObject)
        {
            (field, reason) = ("properties", "'properties' must be an object { ... }");
            return false;
        }

        var rule = mapping.RuleFor(name);
        var type = rule?.Type ?? mapping.UnmappedType(name);
        if (type is null)
        {
            (field, reason) = ("event", $"'{name}' is not in the track table (integrations.segment.events) and unmapped events are refused");
            return false;
        }

        var data = new JsonObject();
        foreach (var (property, value) in (JsonObject?)properties ?? [])
        {
            var target = rule?.Properties.GetValueOrDefault(property) ?? property;
            if (!data.ContainsKey(target) || target != property)
            {
                data[target] = value?.DeepClone();
            }
        }

        foreach (var (key, value) in rule?.Set ?? new Dictionary<string, string>())
        {
            if (!data.ContainsKey(key))
            {
                data[key] = value;
            }
        }

        if (EventLine.TryBuild(message.EventId(), type, message.CustomerId, message.Time, data, out e, out field, out reason))
        {
            return true;
        }

        field = field is not null && field.StartsWith("data.", StringComparison.Ordinal) ? "properties." + field[5..] : field;
        return false;
    }
}
