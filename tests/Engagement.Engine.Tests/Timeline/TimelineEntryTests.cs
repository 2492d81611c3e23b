using Engagement.Engine.Serialization;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Engine.Tests.Timeline;

public sealed class TimelineEntryTests
{
    private static readonly TimelineEntry Task = new()
    {
        At = Instant.FromUtc(2026, 3, 2, 2, 0), Kind = TimelineKind.Task, CustomerId = "c1", Journey = "complaint-recovery", Version = 2,
        Step = "call", Priority = "urgent", Detail = "care", Holdout = false, EnrollmentId = "e1",
    };

    [Fact]
    public void TaskEntry_CarriesItsPriorityInItsOwnField_NotInTheReason()
    {
        var line = JObject.Parse(TimelineJson.Line(Task));

        Assert.Equal("urgent", (string?)line["priority"]);
        Assert.Null(line["reason"]);
    }

    [Fact]
    public void TimelineLine_WritesTheFieldsInTheirFixedOrder_PriorityAfterReason()
    {
        var line = TimelineJson.Line(Task with { Reason = "r" });

        Assert.Equal(
            """{"at":"2026-03-02T02:00:00Z","customerId":"c1","journey":"complaint-recovery","version":2,"step":"call","kind":"task","reason":"r","priority":"urgent","detail":"care","holdout":false,"enrollmentId":"e1"}""",
            line);
    }

    [Fact]
    public void EngineJson_RoundTripsAnEntry_WithTheKindInLowerCase()
    {
        var json = EngineJson.Serialize(Task);

        Assert.Equal("task", (string?)JObject.Parse(json)["kind"]);
        Assert.Equal(Task, EngineJson.Deserialize<TimelineEntry>(json));
    }

    [Fact]
    public void EveryKind_HasALowerCaseNameThatParsesBack()
    {
        Assert.All(Enum.GetValues<TimelineKind>(), kind =>
        {
            var name = kind.ToString().ToLowerInvariant();
            Assert.True(Enum.TryParse<TimelineKind>(name, ignoreCase: true, out var parsed) && parsed == kind, name);
        });
    }
}
