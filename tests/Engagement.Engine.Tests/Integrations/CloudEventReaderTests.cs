using System.Text;
using Engagement.Engine.Integrations;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Integrations;

/// <summary>CloudEvents 1.0 in structured, batched and binary mode, read with the SDK and mapped to engine events.</summary>
public sealed class CloudEventReaderTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 3, 2, 9, 30);
    private static readonly CloudEventReader Reader = new(new CloudEventMapping
    {
        TypePrefixes = ["com.shop."],
        Types = new Dictionary<string, string> { ["com.crm.Customer.Created"] = "customer.registered" },
    });

    private static InboundItem One(string json) => Assert.Single(Reader.ReadStructured(Encoding.UTF8.GetBytes(json), batch: false, Received));

    private static string Event(string extra = "", string type = "com.shop.order.placed", string id = "A234-1234-1234", string source = "/crm/orders") =>
        $$"""{"specversion":"1.0","type":"{{type}}","source":"{{source}}","id":"{{id}}"{{extra}}}""";

    private static CustomerEvent Mapped(InboundItem item)
    {
        Assert.False(item.IsRejected, item.Reason);
        return Assert.Single(item.Events);
    }

    [Fact]
    public void Structured_TypeWithAConfiguredPrefix_LosesThePrefix() =>
        Assert.Equal("order.placed", Mapped(One(Event(",\"subject\":\"c1\""))).Type);

    [Fact]
    public void Structured_TypeInTheTypeTable_MapsThroughTheTable() =>
        Assert.Equal("customer.registered", Mapped(One(Event(",\"subject\":\"c1\"", type: "com.crm.Customer.Created"))).Type);

    [Fact]
    public void Structured_EngineTypeWithoutPrefix_MapsAsIs() =>
        Assert.Equal("complaint.opened", Mapped(One(Event(",\"subject\":\"c1\"", type: "complaint.opened"))).Type);

    [Fact]
    public void Structured_CustomerIdExtension_WinsOverSubject() =>
        Assert.Equal("c7", Mapped(One(Event(",\"subject\":\"orders/9\",\"customerid\":\"c7\""))).CustomerId);

    [Fact]
    public void Structured_NoExtension_TakesTheCustomerIdFromSubject() =>
        Assert.Equal("c1", Mapped(One(Event(",\"subject\":\"c1\""))).CustomerId);

    [Fact]
    public void Structured_ConfiguredCustomerIdAttribute_IsRead()
    {
        var reader = new CloudEventReader(new CloudEventMapping { CustomerIdAttribute = "userid" });
        var item = Assert.Single(reader.ReadStructured(Encoding.UTF8.GetBytes(Event(",\"userid\":\"u5\"")), false, Received));

        Assert.Equal("u5", Mapped(item).CustomerId);
    }

    [Fact]
    public void Structured_NoCustomerIdAnywhere_IsRejectedNamingTheAttribute()
    {
        var item = One(Event());

        Assert.True(item.IsRejected);
        Assert.Equal("customerid", item.Field);
        Assert.Contains("subject", item.Reason, StringComparison.Ordinal);
        Assert.Equal("A234-1234-1234", item.Id);
    }

    [Fact]
    public void Structured_Time_IsTheEventTime() =>
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 1, 0), Mapped(One(Event(",\"subject\":\"c1\",\"time\":\"2026-03-01T09:00:00+08:00\""))).Time);

    [Fact]
    public void Structured_NoTime_TakesTheTimeReceived() =>
        Assert.Equal(Received, Mapped(One(Event(",\"subject\":\"c1\""))).Time);

    [Fact]
    public void Structured_Data_IsTheEventData()
    {
        var e = Mapped(One(Event(",\"subject\":\"c1\",\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\"o-9\",\"amount\":120}")));

        Assert.Equal("o-9", e.Data["orderId"].AsString());
        Assert.Equal(120, e.Data["amount"].AsNumber());
    }

    [Fact]
    public void Structured_SourceAndId_AreTheDedupeKey()
    {
        var first = Mapped(One(Event(",\"subject\":\"c1\"")));
        var again = Mapped(One(Event(",\"subject\":\"c1\",\"time\":\"2026-03-01T09:00:00Z\"")));
        var otherSource = Mapped(One(Event(",\"subject\":\"c1\"", source: "/crm/returns")));

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, otherSource.Id);
        Assert.NotEqual(CloudEventMapping.EventId("a#b", "c"), CloudEventMapping.EventId("a", "b#c"));
    }

    [Theory]
    [InlineData(",\"data\":[1,2]", "array")]
    [InlineData(",\"data\":\"text\"", "string")]
    [InlineData(",\"datacontenttype\":\"text/plain\",\"data\":\"hello\"", "not JSON")]
    [InlineData(",\"data_base64\":\"aGVsbG8=\"", "not JSON")]
    public void Structured_DataThatIsNoObject_IsRejectedOnData(string data, string said)
    {
        var item = One(Event(",\"subject\":\"c1\"" + data));

        Assert.Equal("data", item.Field);
        Assert.Contains(said, item.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","type":"t","source":"/s","subject":"c1"}""", "id")]
    [InlineData("""{"specversion":"0.3","type":"t","source":"/s","id":"1","subject":"c1"}""", "0.3")]
    [InlineData("""{"type":"t","source":"/s","id":"1","subject":"c1"}""", "CloudEvent")]
    [InlineData("""{"specversion":"1.0","type":"t","source":"/s","id":"1","subject":"c1","time":"yesterday"}""", "CloudEvent")]
    [InlineData("""[1]""", "CloudEvent")]
    public void Structured_WhatTheSdkRefuses_IsRejectedWithItsReason(string json, string said)
    {
        var item = One(json);

        Assert.True(item.IsRejected);
        Assert.StartsWith("not a valid CloudEvent: ", item.Reason, StringComparison.Ordinal);
        Assert.Contains(said, item.Reason, StringComparison.Ordinal);
        Assert.Equal(json, item.Raw);
    }

    [Fact]
    public void Structured_MalformedJson_IsOneRejectedElementKeptAsSent()
    {
        var item = One("{\"specversion\":\"1.0\",");

        Assert.True(item.IsRejected);
        Assert.Contains("malformed JSON", item.Reason, StringComparison.Ordinal);
        Assert.Equal("{\"specversion\":\"1.0\",", item.Raw);
    }

    [Fact]
    public void Structured_NumberOutOfRange_IsRejectedByItsPath()
    {
        var item = One(Event(",\"subject\":\"c1\",\"data\":{\"amount\":1e999}"));

        Assert.Equal("data.amount", item.Field);
    }

    [Fact]
    public void Structured_UnpairedSurrogateInData_IsRejected() =>
        Assert.True(One(Event(",\"subject\":\"c1\",\"data\":{\"name\":\"\\ud800\"}")).IsRejected);

    [Fact]
    public void Batch_Elements_AreJudgedOneByOne()
    {
        var body = $"[{Event(",\"subject\":\"c1\"", id: "1")},{Event(id: "2")},{{\"nope\":1}}]";

        var items = Reader.ReadStructured(Encoding.UTF8.GetBytes(body), batch: true, Received);

        Assert.Equal([1, 2, 3], items.Select(i => i.Position));
        Assert.Equal([false, true, true], items.Select(i => i.IsRejected));
    }

    [Theory]
    [InlineData("{}", "array")]
    [InlineData("[]", "no CloudEvents")]
    [InlineData("[{", "not valid JSON")]
    public void Batch_WhollyUnusable_ThrowsSayingWhy(string body, string said)
    {
        var ex = Assert.Throws<InboundFormatException>(() => Reader.ReadStructured(Encoding.UTF8.GetBytes(body), batch: true, Received));

        Assert.Contains(said, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_HeadersAndJsonBody_MapLikeStructuredMode()
    {
        var headers = new Dictionary<string, string>
        {
            ["ce-specversion"] = "1.0", ["Ce-Type"] = "com.shop.order.placed", ["ce-source"] = "/crm", ["ce-id"] = "b-1",
            ["ce-customerid"] = "c%C3%A9", ["ce-time"] = "2026-03-01T09:00:00Z", ["Content-Type"] = "application/json",
        };

        var e = Mapped(Reader.ReadBinary(headers, "application/json", Encoding.UTF8.GetBytes("{\"amount\":5}"), Received));

        Assert.Equal(("order.placed", "cé", 5.0), (e.Type, e.CustomerId, e.Data["amount"].AsNumber()));
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 9, 0), e.Time);
        Assert.Equal(CloudEventMapping.EventId("/crm", "b-1"), e.Id);
    }

    [Fact]
    public void Binary_NoBody_HasEmptyData()
    {
        var headers = new Dictionary<string, string> { ["ce-specversion"] = "1.0", ["ce-type"] = "t", ["ce-source"] = "/s", ["ce-id"] = "1", ["ce-subject"] = "c1" };

        Assert.Empty(Mapped(Reader.ReadBinary(headers, null, ReadOnlyMemory<byte>.Empty, Received)).Data.Fields);
    }

    [Theory]
    [InlineData("1.0", "text/plain", "hello", "data")]
    [InlineData("2.0", "application/json", "{}", null)]
    public void Binary_Refused_KeepsHeadersAndBodyAsRaw(string version, string contentType, string body, string? field)
    {
        var headers = new Dictionary<string, string> { ["ce-specversion"] = version, ["ce-type"] = "t", ["ce-source"] = "/s", ["ce-id"] = "1", ["ce-subject"] = "c1" };

        var item = Reader.ReadBinary(headers, contentType, Encoding.UTF8.GetBytes(body), Received);

        Assert.True(item.IsRejected);
        Assert.Equal(field, item.Field);
        Assert.Equal("1", item.Id);
        Assert.Contains(body, item.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/cloudevents+json; charset=utf-8", null, CloudEventMode.Structured)]
    [InlineData("application/cloudevents-batch+json", null, CloudEventMode.Batch)]
    [InlineData("application/json", "1.0", CloudEventMode.Binary)]
    [InlineData("application/json", null, CloudEventMode.None)]
    [InlineData(null, null, CloudEventMode.None)]
    public void Detect_ContentTypeAndHeaders_SelectTheMode(string? contentType, string? specVersion, CloudEventMode mode) =>
        Assert.Equal(mode, CloudEventReader.Detect(contentType, name => name == "ce-specversion" ? specVersion : null));
}
