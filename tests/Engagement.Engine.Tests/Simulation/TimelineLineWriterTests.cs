using System.Globalization;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Runtime;
using Newtonsoft.Json;
using NodaTime;

namespace Engagement.Engine.Tests.Simulation;

/// <summary>The timeline's bytes may not change: <see cref="TimelineLineWriter"/> is checked against the Newtonsoft.Json writer
/// that produced every timeline before it (kept here as the oracle).</summary>
public sealed class TimelineLineWriterTests
{
    [Fact]
    public void Format_EveryCharacter_EscapesAsNewtonsoftDid()
    {
        var writer = new TimelineLineWriter();
        var mismatches = new List<int>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = $"a{(char)c}b";
            var entry = new TimelineEntry { At = Instant.FromUtc(2026, 3, 1, 9, 0), Kind = TimelineKind.Sent, CustomerId = text, Reason = text };
            if (writer.Format(entry).ToString() != Oracle(entry))
            {
                mismatches.Add(c);
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Format_EveryFieldAndKind_MatchesNewtonsoft()
    {
        var writer = new TimelineLineWriter();
        var at = Instant.FromUtc(2026, 3, 1, 9, 0);
        foreach (var kind in Enum.GetValues<TimelineKind>())
        {
            var full = new TimelineEntry
            {
                At = at + Duration.FromMilliseconds(1234), Kind = kind, CustomerId = "c-1", Journey = "welcome", Version = 12, Step = "s\"1",
                Channel = "email", Template = "t\\x", Locale = "zh-CN", Variant = "A", Reason = "quiet\nhours", Priority = "high",
                Detail = "\u2028line\u0085", Holdout = kind == TimelineKind.Goal, EnrollmentId = "e/1",
            };
            var sparse = new TimelineEntry { At = at, Kind = kind };
            Assert.Equal(Oracle(full), writer.Format(full).ToString());
            Assert.Equal(Oracle(sparse), writer.Format(sparse).ToString());
            Assert.Equal(Oracle(full), TimelineJson.Line(full));
        }
    }

    [Fact]
    public void Format_LongValues_GrowTheBuffer()
    {
        var entry = new TimelineEntry { At = Instant.FromUtc(2026, 3, 1, 9, 0), Kind = TimelineKind.Rejected, Reason = new string('x', 5000) + "\u0001" };
        Assert.Equal(Oracle(entry), new TimelineLineWriter().Format(entry).ToString());
    }

    [Fact]
    public void Format_ConsecutiveEntriesAtDifferentInstants_EachKeepsItsOwnTime()
    {
        var writer = new TimelineLineWriter();
        var first = new TimelineEntry { At = Instant.FromUtc(2026, 3, 1, 9, 0), Kind = TimelineKind.Sent };
        var second = first with { At = first.At + Duration.FromSeconds(1) };
        Assert.Equal(Oracle(first), writer.Format(first).ToString());
        Assert.Equal(Oracle(second), writer.Format(second).ToString());
        Assert.Equal(Oracle(first), writer.Format(first).ToString());
    }

    /// <summary>The writer every timeline line came from until the writer above replaced it.</summary>
    private static string Oracle(TimelineEntry e)
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
