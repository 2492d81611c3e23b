using Engagement.Engine.Delivery;
using Engagement.Engine.Events;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Events;

/// <summary>What the hosts' HTTP endpoints turn into events: ingest bodies, delivery reports, unsubscribe links.</summary>
public sealed class HostInputTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);

    [Fact]
    public void EventJson_WrittenEvent_ParsesBackToTheSameEvent()
    {
        var e = new CustomerEvent("e1", "order.placed", "c1", T0, ValueJson.Parse("""{ "amount": 12.5, "items": ["a", "b"], "gift": true }"""));

        Assert.True(EventParser.TryParse(EventJson.Write(e), out var back, out _, out var error), error);

        Assert.Equal(EventJson.Write(e), EventJson.Write(back!));
        Assert.Equal(12.5, back!.Data["amount"].AsNumber());
        Assert.Equal(T0, back.Time);
    }

    [Fact]
    public void Ingest_NdjsonWithABadLine_KeepsTheGoodOnesAndNamesTheBadLineWithoutItsContent()
    {
        var rejected = new List<RejectedEvent>();
        var body = """
            {"id":"e1","type":"customer.registered","customerId":"c1","time":"2026-03-02T02:00:00Z","data":{"email":"secret@example.com"}}

            {"id":"e2","type":"order.placed","time":"2026-03-02T02:00:00Z","data":{"email":"secret@example.com"}}
            {"id":"e3","type":"order.placed","customerId":"c1","time":"2026-03-02T03:00:00Z"}
            """.Replace("\n", "\r\n");

        var batch = IngestBatch.Parse(body, rejected.Add, "http", T0);

        Assert.Equal(["e1", "e3"], batch.Events.Select(e => e.Id));
        var problem = Assert.Single(batch.Problems);
        Assert.StartsWith("line 3: customerId: 'customerId' is missing", problem);
        Assert.DoesNotContain("secret", problem);
        Assert.Equal("http:3", Assert.Single(rejected).Source);
    }

    [Theory]
    [InlineData("Delivered", DeliveryReports.Delivered)]
    [InlineData("Bounced", DeliveryReports.Bounced)]
    [InlineData("Suppressed", DeliveryReports.Failed)]
    [InlineData("FilteredSpam", DeliveryReports.Failed)]
    [InlineData("Expanded", null)]
    public void DeliveryReports_AcsEmailStatus_MapsToItsEvent(string status, string? expected) =>
        Assert.Equal(expected, DeliveryReports.ForAcsEmail(status));

    [Theory]
    [InlineData("delivered", DeliveryReports.Delivered)]
    [InlineData("undelivered", DeliveryReports.Bounced)]
    [InlineData("failed", DeliveryReports.Failed)]
    [InlineData("sent", null)]
    [InlineData("queued", null)]
    public void DeliveryReports_TwilioStatus_MapsToItsEvent(string status, string? expected) =>
        Assert.Equal(expected, DeliveryReports.ForTwilio(status));

    [Fact]
    public void DeliveryReports_TheSameReportTwice_HasTheSameEventId()
    {
        var a = DeliveryReports.ToEvent(DeliveryReports.Bounced, "c1", "e/s/1", "sms", "twilio", "SM123", "undelivered", T0, "30003");
        var b = DeliveryReports.ToEvent(DeliveryReports.Bounced, "c1", "e/s/1", "sms", "twilio", "SM123", "undelivered", T0 + Duration.FromMinutes(5));

        Assert.Equal(a.Id, b.Id);
        Assert.Equal("e/s/1", a.Data["ledgerKey"].AsString());
        Assert.Equal("30003", a.Data["reason"].AsString());
    }

    [Fact]
    public void UnsubscribeEvents_ValidToken_GivesOneUnsubscribeEventPerToken()
    {
        var tokens = new UnsubscribeTokens(new byte[32]);
        var token = tokens.Create("c1", "email", T0 + Duration.FromDays(30));

        Assert.True(UnsubscribeEvents.TryCreate(tokens, token, T0, out var first, out _));
        Assert.True(UnsubscribeEvents.TryCreate(tokens, token, T0 + Duration.FromHours(1), out var second, out _));

        Assert.Equal("customer.unsubscribed", first!.Type);
        Assert.Equal("c1", first.CustomerId);
        Assert.Equal("email", first.Data["channel"].AsString());
        Assert.Equal(first.Id, second!.Id);
    }

    [Fact]
    public void UnsubscribeEvents_TamperedOrExpiredToken_IsRefusedWithItsReason()
    {
        var tokens = new UnsubscribeTokens(new byte[32]);
        var token = tokens.Create("c1", "email", T0 + Duration.FromDays(1));

        Assert.False(UnsubscribeEvents.TryCreate(tokens, token, T0 + Duration.FromDays(2), out var expired, out var why));
        Assert.Null(expired);
        Assert.Equal(UnsubscribeTokens.Expired, why);
        Assert.False(UnsubscribeEvents.TryCreate(tokens, token[..^2] + "AA", T0, out _, out why));
        Assert.Equal(UnsubscribeTokens.Tampered, why);
    }

    [Fact]
    public void Ingest_WithAWindow_EventsOutsideItAreRejectedLinesNamingTheTimeAndKeepingTheirIds()
    {
        var rejected = new List<RejectedEvent>();
        var body = """
            {"id":"e1","type":"order.placed","customerId":"c1","time":"9999-12-31T00:00:00Z"}
            {"id":"e2","type":"order.placed","customerId":"c1","time":"2026-03-02T03:00:00Z"}
            {"id":"e3","type":"order.placed","customerId":"c1","time":"2026-03-04T03:00:00Z"}
            """;

        var batch = IngestBatch.Parse(body, rejected.Add, "http", T0, EventTimeWindow.Default);

        Assert.Equal(["e2"], batch.Events.Select(e => e.Id));
        Assert.Equal(["e1", "e3"], rejected.Select(r => r.EventId));
        Assert.All(rejected, r => Assert.Equal("time", r.Field));
        Assert.StartsWith("line 1: time: 9999-12-31T00:00:00Z is after 2100-01-01T00:00:00Z", batch.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: time: 2026-03-04T03:00:00Z is more than 24 hour(s) after the time it was received,", batch.Problems[1], StringComparison.Ordinal);
    }
}
