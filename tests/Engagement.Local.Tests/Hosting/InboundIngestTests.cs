using System.Text;
using Engagement.Engine.Integrations;
using Engagement.Local.Hosting;
using NodaTime;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary><see cref="EmbeddedHost.IngestInboundAsync"/> on a real SQLite file: Segment and CloudEvents input reaches profiles
/// and journeys, retries change nothing, refused calls are kept once with their reason.</summary>
public sealed class InboundIngestTests : IDisposable
{
    private static readonly SegmentReader Segment = new(SegmentMapping.Default);
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Func<Instant, IReadOnlyList<InboundItem>> Batch(string json) =>
        now => Segment.Read("batch", Encoding.UTF8.GetBytes(json), now);

    private const string Calls = """
        {"batch":[
          {"type":"identify","messageId":"m1","userId":"c1","timestamp":"2026-03-02T10:00:00Z","traits":{"email":"c1@example.com","locale":"en","emailOptIn":true}},
          {"type":"track","messageId":"m2","userId":"c1","timestamp":"2026-03-02T10:00:01Z","event":"Signed Up"},
          {"type":"track","messageId":"m3","userId":"c1","timestamp":"2026-03-02T10:00:02Z","event":"Order Completed","properties":{"order_id":"o1","total":20}},
          {"type":"track","messageId":"m4","anonymousId":"a1","event":"Order Completed"}
        ]}
        """;

    [Fact]
    public async Task SegmentBatch_ReachesTheProfileAndEnrollsTheCustomer()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());

        var result = await host.IngestInboundAsync(Batch(Calls), "segment", CancellationToken.None);
        await IdleAsync(host);

        Assert.Equal((3, 0, 1), (result.Accepted, result.Duplicates, result.Rejected.Count));
        var view = (await host.GetCustomerAsync("c1", CancellationToken.None))!;
        Assert.Equal(("c1@example.com", "en"), (view.Profile.Email, view.Profile.Locale));
        Assert.Equal(1, view.Profile.Attributes["orderCount"].AsNumber());
        Assert.True(view.Profile.ConsentFor("email", Engagement.Engine.Profiles.ConsentPurpose.Marketing)!.Granted);
        Assert.Contains(view.Enrollments, e => e.JourneyId == "nudge");
    }

    [Fact]
    public async Task SegmentBatch_SentTwice_ChangesNothingAndKeepsTheRefusedCallOnce()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        await host.IngestInboundAsync(Batch(Calls), "segment", CancellationToken.None);

        var again = await host.IngestInboundAsync(Batch(Calls), "segment", CancellationToken.None);
        await IdleAsync(host);

        Assert.Equal((0, 3, 1), (again.Accepted, again.Duplicates, again.Rejected.Count));
        var view = (await host.GetCustomerAsync("c1", CancellationToken.None))!;
        Assert.Equal(1, view.Profile.Attributes["orderCount"].AsNumber());
        Assert.Equal(1, (await host.GetStatusAsync(CancellationToken.None)).RejectedEvents);
        Assert.Equal(4, (await host.GetStatusAsync(CancellationToken.None)).ProcessedEvents);
    }

    [Fact]
    public async Task CloudEvent_WithoutTime_TakesTheHostClockAndIsProcessed()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        var reader = new CloudEventReader(new CloudEventMapping { TypePrefixes = ["com.shop."] });
        var body = Encoding.UTF8.GetBytes("""{"specversion":"1.0","type":"com.shop.customer.registered","source":"/crm","id":"1","subject":"c2","data":{"email":"c2@example.com"}}""");

        var result = await host.IngestInboundAsync(now => reader.ReadStructured(body, false, now), "cloudevents", CancellationToken.None);
        await IdleAsync(host);

        Assert.Equal(1, result.Accepted);
        var view = (await host.GetCustomerAsync("c2", CancellationToken.None))!;
        Assert.Equal("c2@example.com", view.Profile.Email);
        Assert.Equal(Start, Assert.Single(view.Enrollments).EnteredAt);
    }

    [Fact]
    public async Task CloudEventAndSegmentCall_DatedInYear1OrYear9999_AreRefusedOnTimeAndKeptLikeEventLines()
    {
        await using var host = await StartAsync(_files, TestJourneys.Write(_files.Root), Clock());
        var reader = new CloudEventReader(new CloudEventMapping());
        var cloudEvent = Encoding.UTF8.GetBytes("""{"specversion":"1.0","type":"customer.registered","source":"/crm","id":"y1","subject":"c3","time":"0001-01-01T00:00:00Z"}""");
        const string Track = """{"batch":[{"type":"track","messageId":"y9","userId":"c3","timestamp":"9999-12-31T23:59:59.999Z","event":"Signed Up"}]}""";

        var early = await host.IngestInboundAsync(now => reader.ReadStructured(cloudEvent, false, now), "cloudevents", CancellationToken.None);
        var late = await host.IngestInboundAsync(Batch(Track), "segment", CancellationToken.None);
        await IdleAsync(host);

        Assert.Equal((0, "time"), (early.Accepted, Assert.Single(early.Rejected).Field));
        Assert.Contains("earliest plausible", early.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Equal((0, "time"), (late.Accepted, Assert.Single(late.Rejected).Field));
        Assert.Contains("latest plausible", late.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await host.GetStatusAsync(CancellationToken.None)).RejectedEvents);
        Assert.Null(await host.GetCustomerAsync("c3", CancellationToken.None));
    }
}
