using Engagement.Engine.Effects;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tasks;
using Newtonsoft.Json.Linq;
using NodaTime;

namespace Engagement.Engine.Tests.Tasks;

public sealed class HumanTaskTests
{
    private static readonly HumanTask Task = new()
    {
        TaskKey = "e1/call/1", CustomerId = "c1", Journey = "complaint-recovery", Step = "call", Queue = "care", Title = "Call Ann about cmp-1",
        Priority = "high", CreatedAt = Instant.FromUtc(2026, 3, 2, 2, 0), Due = Instant.FromUtc(2026, 3, 2, 6, 0),
    };

    [Fact]
    public void StoredForm_IsCamelCaseWithIsoInstants_AndRoundTrips()
    {
        var json = EngineJson.Serialize(Task);

        Assert.Equal("e1/call/1", (string?)JObject.Parse(json)["taskKey"]);
        Assert.Contains("\"due\":\"2026-03-02T06:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Equal(Task, EngineJson.Deserialize<HumanTask>(json));
    }

    [Fact]
    public void StoredForm_LeavesOutAMissingDeadline()
    {
        Assert.Null(JObject.Parse(EngineJson.Serialize(Task with { Due = null }))["due"]);
    }

    [Fact]
    public void Erasure_RedactsTheRenderedTitleOnly_TheQueueStillSeesTheTask()
    {
        var scrubbed = Erasure.Scrub(Task);

        Assert.Equal(Task with { Title = Erasure.Redacted }, scrubbed);
    }
}
