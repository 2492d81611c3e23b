using System.Globalization;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Newtonsoft.Json;

namespace Engagement.Engine.Simulation;

/// <summary>Writes timeline entries as JSON Lines with a fixed field order (nulls omitted), so equal timelines are equal bytes.</summary>
public static class TimelineJson
{
    /// <summary>One entry as one line (no newline).</summary>
    public static string Line(TimelineEntry e)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var w = new JsonTextWriter(sw) { Formatting = Formatting.None })
        {
            w.WriteStartObject();
            Field(w, "at", InstantText.Format(e.At));
            Field(w, "customerId", e.CustomerId);
            Field(w, "journey", e.Journey);
            if (e.Version is { } v)
            {
                w.WritePropertyName("version");
                w.WriteValue(v);
            }

            Field(w, "step", e.Step);
            Field(w, "kind", e.Kind.ToString().ToLowerInvariant());
            Field(w, "channel", e.Channel);
            Field(w, "template", e.Template);
            Field(w, "locale", e.Locale);
            Field(w, "variant", e.Variant);
            Field(w, "reason", e.Reason);
            Field(w, "priority", e.Priority);
            Field(w, "detail", e.Detail);
            if (e.Holdout is { } h)
            {
                w.WritePropertyName("holdout");
                w.WriteValue(h);
            }

            Field(w, "enrollmentId", e.EnrollmentId);
            w.WriteEndObject();
        }

        return sw.ToString();
    }

    private static void Field(JsonTextWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WritePropertyName(name);
            w.WriteValue(value);
        }
    }
}
