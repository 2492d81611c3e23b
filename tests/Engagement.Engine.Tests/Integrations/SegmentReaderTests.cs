using System.Text;
using Engagement.Engine.Consent;
using Engagement.Engine.Integrations;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Integrations;

/// <summary>Segment identify and track calls mapped to engine events; every refusal names its field and reason.</summary>
public sealed class SegmentReaderTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 3, 2, 9, 30);
    private static readonly SegmentReader Reader = new(SegmentMapping.Default);

    private static IReadOnlyList<InboundItem> Read(string call, string json, SegmentReader? reader = null) =>
        (reader ?? Reader).Read(call, Encoding.UTF8.GetBytes(json), Received);

    private static InboundItem One(string call, string json, SegmentReader? reader = null) => Assert.Single(Read(call, json, reader));

    private static IReadOnlyList<CustomerEvent> Events(InboundItem item)
    {
        Assert.False(item.IsRejected, item.Reason);
        return item.Events;
    }

    private static void AssertRejected(InboundItem item, string? field, string said)
    {
        Assert.True(item.IsRejected, "expected a refusal");
        Assert.Equal(field, item.Field);
        Assert.Contains(said, item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_Traits_BecomeProfileFieldsAndTheRestAttributes()
    {
        var item = One("identify", """
            {"messageId":"m1","userId":"c1","timestamp":"2026-03-01T09:00:00.250Z","traits":{"email":"a@example.com","phone":"+8613800000001",
             "name":"Li Lei","birthday":"1990-05-01T00:00:00.000Z","timezone":"Asia/Shanghai","locale":"zh-CN","plan":"gold","age":36}}
            """);

        var e = Assert.Single(Events(item));
        var profile = ProfileEvents.Apply(null, e)!;

        Assert.Equal(("customer.updated", "c1", "seg:m1"), (e.Type, e.CustomerId, e.Id));
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 9, 0) + Duration.FromMilliseconds(250), e.Time);
        Assert.Equal(("a@example.com", "+8613800000001", "1990-05-01", "Asia/Shanghai", "zh-CN"),
            (profile.Email, profile.Phone, profile.Birthday, profile.TimeZone, profile.Locale));
        Assert.Equal("Li Lei", profile.Attributes["name"].AsString());
        Assert.Equal("gold", profile.Attributes["plan"].AsString());
        Assert.Equal(36, profile.Attributes["age"].AsNumber());
    }

    [Fact]
    public void Identify_LocaleAndTimezoneInContext_FillTheProfile()
    {
        var e = Assert.Single(Events(One("identify", """{"userId":"c1","traits":{},"context":{"locale":"en-GB","timezone":"Europe/London"}}""")));

        Assert.Equal(("en-GB", "Europe/London"), (e.Data["locale"].AsString(), e.Data["timezone"].AsString()));
    }

    [Fact]
    public void Identify_ConsentTraits_BecomeConsentEventsAfterTheUpdate()
    {
        var events = Events(One("identify", """{"messageId":"m2","userId":"c1","traits":{"email":"a@example.com","emailOptIn":true,"smsOptIn":false}}"""));

        Assert.Equal(["customer.updated", ConsentEvents.Granted, ConsentEvents.Revoked], events.Select(e => e.Type));
        Assert.Equal(["seg:m2", "seg:m2#consent.email", "seg:m2#consent.sms"], events.Select(e => e.Id));
        Assert.Equal("sms", events[2].Data["channel"].AsString());
        Assert.DoesNotContain("OptIn", Engagement.Engine.Events.EventJson.Write(events[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_ConfiguredConsentTrait_IsRead()
    {
        var reader = new SegmentReader(new SegmentMapping { ConsentTraits = new Dictionary<string, string> { ["newsletter"] = "email" } });

        var events = Events(One("identify", """{"userId":"c1","traits":{"newsletter":true}}""", reader));

        Assert.Equal(ConsentEvents.Granted, events[1].Type);
    }

    [Theory]
    [InlineData("""{"userId":"c1","traits":{"emailOptIn":"yes"}}""", "traits.emailOptIn", "consent flag")]
    [InlineData("""{"userId":"c1","traits":{"birthday":"May 1st"}}""", "traits.birthday", "not a date")]
    [InlineData("""{"userId":"c1","traits":{"email":""}}""", "traits.email", "non-empty")]
    [InlineData("""{"userId":"c1","traits":[1]}""", "traits", "object")]
    [InlineData("""{"userId":"c1","traits":{"score":1e999}}""", "traits.score", "out of range")]
    public void Identify_BadTrait_IsRejectedNamingIt(string json, string field, string said) =>
        AssertRejected(One("identify", json), field, said);

    [Fact]
    public void Track_OrderCompleted_IsOrderPlacedWithRenamedProperties()
    {
        var e = Assert.Single(Events(One("track", """
            {"messageId":"m3","userId":"c1","event":"Order Completed","properties":{"order_id":"o-9","total":120.5,"currency":"CNY","coupon":"X"}}
            """)));

        Assert.Equal("order.placed", e.Type);
        Assert.Equal(("o-9", 120.5, "CNY", "X"), (e.Data["orderId"].AsString(), e.Data["amount"].AsNumber(), e.Data["currency"].AsString(), e.Data["coupon"].AsString()));
        Assert.Null(e.Data["order_id"].AsString());
    }

    [Theory]
    [InlineData("Signed Up", "customer.registered")]
    [InlineData("signed up", "customer.registered")]
    [InlineData("Order Refunded", "order.refunded")]
    [InlineData("Product Viewed", "product.viewed")]
    [InlineData("Trial Started", "trial.started")]
    public void Track_DefaultTable_FollowsSegmentsSpecs(string name, string type) =>
        Assert.Equal(type, Assert.Single(Events(One("track", $$"""{"userId":"c1","event":"{{name}}"}"""))).Type);

    [Fact]
    public void Track_EmailUnsubscribed_UnsubscribesTheEmailChannel()
    {
        var e = Assert.Single(Events(One("track", """{"userId":"c1","event":"Email Unsubscribed","properties":{"email_id":"e-1"}}""")));

        Assert.Equal((ConsentEvents.Unsubscribed, "email", "e-1"), (e.Type, e.Data["channel"].AsString(), e.Data["emailId"].AsString()));
    }

    [Theory]
    [InlineData(UnmappedTrackEvents.Dotted, "Wishlist Item-Added", "wishlist.item.added")]
    [InlineData(UnmappedTrackEvents.AsIs, "Wishlist Item Added", "Wishlist Item Added")]
    public void Track_NameNotInTheTable_FollowsTheUnmappedRule(UnmappedTrackEvents rule, string name, string type)
    {
        var reader = new SegmentReader(new SegmentMapping { Unmapped = rule });

        Assert.Equal(type, Assert.Single(Events(One("track", $$"""{"userId":"c1","event":"{{name}}"}""", reader))).Type);
    }

    [Fact]
    public void Track_NameNotInTheTableWhenRefused_IsRejected()
    {
        var reader = new SegmentReader(new SegmentMapping { Unmapped = UnmappedTrackEvents.Reject });

        AssertRejected(One("track", """{"userId":"c1","event":"Wishlist Item Added"}""", reader), "event", "not in the track table");
    }

    [Theory]
    [InlineData("""{"userId":"c1"}""", "event", "missing")]
    [InlineData("""{"userId":"c1","event":" "}""", "event", "non-empty")]
    [InlineData("""{"userId":"c1","event":"Order Completed","properties":"x"}""", "properties", "object")]
    [InlineData("""{"anonymousId":"a-1","event":"Order Completed"}""", "userId", "only an anonymousId")]
    [InlineData("""{"event":"Order Completed"}""", "userId", "missing")]
    [InlineData("""{"userId":true,"event":"Order Completed"}""", "userId", "non-empty text or a number")]
    [InlineData("""{"userId":"c1","event":"Order Completed","timestamp":"2026-03-01"}""", "timestamp", "not an instant")]
    [InlineData("""{"userId":"c1","event":"Order Completed","messageId":""}""", "messageId", "dedupe key")]
    public void Track_Unusable_IsRejectedNamingTheField(string json, string field, string said) =>
        AssertRejected(One("track", json), field, said);

    [Fact]
    public void Track_NumericUserIdAndNoTimestamp_UseTheNumberAndTheTimeReceived()
    {
        var e = Assert.Single(Events(One("track", """{"userId":42,"event":"Signed In"}""")));

        Assert.Equal(("42", Received), (e.CustomerId, e.Time));
    }

    [Fact]
    public void MessageId_IsTheDedupeKeyAndAMissingOneIsTheSameHashForTheSameCall()
    {
        const string Call = """{"userId":"c1","event":"Signed In"}""";

        Assert.Equal("seg:m9", Assert.Single(Events(One("track", """{"messageId":"m9","userId":"c1","event":"Signed In"}"""))).Id);
        Assert.Equal(One("track", Call).Events[0].Id, One("track", Call).Events[0].Id);
        Assert.StartsWith("seg:sha256-", One("track", Call).Events[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_MixedCalls_AreJudgedOneByOneAndPageScreenGroupIgnored()
    {
        var items = Read("batch", """
            {"batch":[{"type":"identify","userId":"c1","messageId":"a"},{"type":"track","userId":"c1","event":"Signed In","messageId":"b"},
             {"type":"page","userId":"c1","name":"Home"},{"type":"screen"},{"type":"group","groupId":"g"},{"type":"alias","userId":"c1","previousId":"x"},
             {"type":"unknown"},{"userId":"c1"},5],"writeKey":"k","sentAt":"2026-03-01T09:00:00Z"}
            """);

        Assert.Equal([null, null, "page", "screen", "group", null, null, null, null], items.Select(i => i.Ignored));
        Assert.Equal([false, false, false, false, false, true, true, true, true], items.Select(i => i.IsRejected));
        Assert.Contains("alias is not supported", items[5].Reason, StringComparison.Ordinal);
        Assert.Equal(["type", "type", "type", null], items.Skip(5).Select(i => i.Field));
    }

    [Theory]
    [InlineData("batch", "[1]", "object")]
    [InlineData("batch", "{\"calls\":[]}", "list of calls")]
    [InlineData("batch", "{\"batch\":[]}", "no calls")]
    [InlineData("track", "{\"userId\":", "not valid JSON")]
    [InlineData("identify", "\"c1\"", "one identify call")]
    public void Body_WhollyUnusable_ThrowsSayingWhy(string call, string json, string said)
    {
        var ex = Assert.Throws<InboundFormatException>(() => Read(call, json));

        Assert.Contains(said, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"userId":"c1","userId":"c2","event":"x"}""")]
    [InlineData("""{"userId":"c1","event":"x","properties":{"a":1,"a":2}}""")]
    public void Call_WithANameTwice_IsRejectedAndKeptAsSent(string json)
    {
        var item = One("track", json);

        AssertRejected(item, null, "appears twice");
        Assert.Equal(json, item.Raw);
    }

    [Fact]
    public void Call_WithAnUnpairedSurrogateEscape_IsRejectedAndKeptAsSent()
    {
        const string Json = """{"batch":[{"type":"identify","userId":"c1","traits":{"name":"\ud800"}}]}""";

        var item = Assert.Single(Read("batch", Json));

        AssertRejected(item, null, "surrogate");
        Assert.Contains("\\ud800", item.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_NotUtf8_ThrowsNamingTheByte()
    {
        var ex = Assert.Throws<InboundFormatException>(() => Reader.Read("track", new byte[] { (byte)'{', 0xC3, (byte)'}' }, Received));

        Assert.Contains("UTF-8 (byte 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_EveryCallRejected_IsNotASuccess()
    {
        var items = Read("batch", """{"batch":[{"type":"track"},{"type":"identify"}]}""");

        Assert.True(InboundResult.Count(items, _ => 1).AllRejected);
        Assert.False(InboundResult.Count(Read("batch", """{"batch":[{"type":"track"},{"type":"page"}]}"""), _ => 1).AllRejected);
    }

    [Fact]
    public void Result_CountsCallsNotEvents()
    {
        var items = Read("batch", """{"batch":[{"type":"identify","userId":"c1","traits":{"emailOptIn":true}},{"type":"track","userId":"c1","event":"x"},{"type":"page"}]}""");

        var result = InboundResult.Count(items, i => i.Position == 1 ? 2 : 0);

        Assert.Equal((1, 1, 1, 0), (result.Accepted, result.Duplicates, result.Ignored["page"], result.Rejected.Count));
    }
}
