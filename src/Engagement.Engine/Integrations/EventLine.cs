using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Engine.Events;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Integrations;

/// <summary>
/// Builds an engine event line (<c>{id, type, customerId, time, data}</c>) and reads it back with the same
/// <see cref="EventParser"/> every other input goes through, so a translated event meets exactly the same rules.
/// </summary>
internal static class EventLine
{
    /// <summary>The event, or false with the field at fault (named as in the engine event: <c>data.amount</c>) and the reason.</summary>
    public static bool TryBuild(string id, string type, string customerId, Instant time, JsonObject? data,
        out CustomerEvent? customerEvent, out string? field, out string? error)
    {
        var line = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["customerId"] = customerId,
            ["time"] = InstantText.Format(time),
        };
        if (data is not null)
        {
            line["data"] = data;
        }

        var text = line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (data is not null)
        {
            line.Remove("data"); // let the caller keep using its node
        }

        if (EventParser.TryParse(text, out customerEvent, out field, out error))
        {
            return true;
        }

        field = field is null ? null : field.StartsWith("data", StringComparison.Ordinal) || field is "id" or "type" or "customerId" or "time" ? field : "data." + field;
        return false;
    }
}
