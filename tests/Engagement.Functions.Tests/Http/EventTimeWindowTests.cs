using Engagement.Journeys.Runtime;
using NodaTime;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// The plausible event-time window on the Azure host's HTTP ingest paths (engine events as NDJSON, CloudEvents, Segment calls):
/// an event dated year 9999 or 1999 is refused, kept in the inbox with field <c>time</c> and the window's reason, and never put
/// on the topic; an event dated inside the window is. The window is the one <c>engage serve</c> applies (against the time
/// received), configurable with app settings.
/// </summary>
public sealed class EventTimeWindowTests
{
    private static string Line(string id, string time) =>
        $$"""{ "id": "{{id}}", "type": "order.placed", "customerId": "c-1", "time": "{{time}}", "data": { "orderId": "{{id}}" } }""";

    [Fact]
    public async Task Ndjson_EventsDated9999And1999_AreKeptAsRejectedWithTheReason_TheInWindowOneIsPublished()
    {
        var host = new HttpFunctionHost();
        var body = string.Join('\n', Line("far-future", "9999-12-31T00:00:00Z"), Line("far-past", "1999-06-01T00:00:00Z"), Line("fine", "2026-03-01T10:00:00Z"));

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal("fine", Assert.Single(host.Sender.Sent).MessageId);
        var problems = Json(result).GetProperty("rejected").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("line 1: time: 9999-12-31T00:00:00Z is after 2100-01-01T00:00:00Z", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 2: time: 1999-06-01T00:00:00Z is before 2000-01-01T00:00:00Z", problems[1], StringComparison.Ordinal);
        Assert.Equal(["far-future", "far-past"], host.Stores.Rejected.Select(r => r.EventId));
        Assert.All(host.Stores.Rejected, r => Assert.Equal("time", r.Field));
        Assert.Contains("latest plausible event time", host.Stores.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("earliest plausible event time", host.Stores.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("9999-12-31", host.Stores.Rejected[0].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudEventsBatch_AnElementDated9999IsRefusedAndKept_TheInWindowOneIsPublished()
    {
        var host = new HttpFunctionHost("com.shop.");
        const string Template = """{ "specversion": "1.0", "type": "com.shop.order.placed", "source": "/shop", "id": "ID", "subject": "c-5", "time": "TIME", "data": {} }""";
        var body = "[" + Template.Replace("ID", "1", StringComparison.Ordinal).Replace("TIME", "9999-12-31T23:59:59Z", StringComparison.Ordinal) + ","
            + Template.Replace("ID", "2", StringComparison.Ordinal).Replace("TIME", "2026-03-01T10:00:00Z", StringComparison.Ordinal) + "]";

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/cloudevents-batch+json"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal(1, Json(result).GetProperty("accepted").GetInt32());
        Assert.StartsWith("line 1: time: 9999-12-31T23:59:59Z is after 2100-01-01", Assert.Single(Json(result).GetProperty("rejected").EnumerateArray()).GetString(), StringComparison.Ordinal);
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal(("cloudevents", "time"), (kept.Source, kept.Field));
        Assert.Equal("order.placed", Assert.Single(host.Subjects));
    }

    [Fact]
    public async Task SegmentTrackDated1999_IsRefusedWith400AndKept_AnInWindowTrackIs200()
    {
        var host = new HttpFunctionHost();
        const string Old = """{ "userId": "c-1", "messageId": "m-old", "event": "Order Completed", "timestamp": "1999-12-31T23:00:00Z", "properties": { "order_id": "o-1" } }""";
        const string Fine = """{ "userId": "c-1", "messageId": "m-new", "event": "Order Completed", "timestamp": "2026-03-01T10:00:00Z", "properties": { "order_id": "o-2" } }""";

        var refused = await host.Segment().RunAsync(Post("/api/v1/track", Old, headers: Basic(WriteKey)), CancellationToken.None);
        var taken = await host.Segment().RunAsync(Post("/api/v1/track", Fine, headers: Basic(WriteKey)), CancellationToken.None);

        Assert.Equal(400, Status(refused));
        var reason = Assert.Single(Json(refused).GetProperty("rejected").EnumerateArray());
        Assert.Equal("time", reason.GetProperty("field").GetString());
        Assert.Contains("is before 2000-01-01T00:00:00Z", reason.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal(("segment", "time", "m-old"), (kept.Source, kept.Field, kept.EventId));
        Assert.Equal(200, Status(taken));
        Assert.Equal("seg:m-new", Assert.Single(host.Sender.Sent).MessageId);
    }

    [Fact]
    public async Task ANarrowerMaxAheadFromTheAppSettings_RefusesAnEventTwoHoursAhead()
    {
        var host = new HttpFunctionHost(TestSettings.FromAppSettings(("Engagement:EventsMaxAhead", "PT1H")));
        var ahead = InstantText.Format(SystemClock.Instance.GetCurrentInstant() + Duration.FromHours(2));

        var result = await host.Ingest().RunAsync(Post("/api/events", Line("ahead", ahead), "application/json"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.Contains("is more than 1 hour(s) after the time it was received,", Assert.Single(host.Stores.Rejected).Reason, StringComparison.Ordinal);
        Assert.Empty(host.Sender.Sent);
    }
}
