using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Serialization;

public sealed class EngineJsonTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0, 30);

    [Fact]
    public void Serialize_EnrollmentState_RoundTripsEveryField()
    {
        var state = EnrollmentState.Create("welcome", 2, "c1", "c1") with
        {
            Status = EnrollmentStatus.Waiting, StepId = "wait-buy", EnteredAt = At, WakeAt = At + Duration.FromDays(7), AwaitingEvent = "order.placed",
            Holdout = true, Variant = "b", Occurrences = ImmutableSortedDictionary<string, int>.Empty.Add("hello", 1),
            Event = ValueJson.Parse("""{"type":"customer.registered","data":{"store":"sh-01","n":3}}"""),
        };

        var json = EngineJson.Serialize(state);
        var back = EngineJson.Deserialize<EnrollmentState>(json);

        Assert.Equal(state with { Occurrences = back.Occurrences }, back);
        Assert.Equal(1, back.Occurrences["hello"]);
        Assert.Contains("\"wakeAt\":\"2026-03-08T08:00:30Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"waiting\"", json, StringComparison.Ordinal);
        Assert.Equal(json, EngineJson.Serialize(back));
    }

    [Fact]
    public void Serialize_Profile_RoundTripsConsentsTagsAndAttributes()
    {
        var profile = new CustomerProfile
        {
            CustomerId = "c2", Email = "a@example.com", PushTokens = ["t1"], Locale = "zh-CN", TimeZone = "Asia/Shanghai",
            Channels = ["sms", "email"], Tags = ImmutableSortedSet.Create("vip"), InvalidChannels = ImmutableSortedSet.Create("push"),
            Consents = ImmutableList.Create(new ConsentRecord("email", ConsentPurpose.Marketing, true, At, "signup")),
            Attributes = ValueJson.Parse("""{"tier":"Gold","points":1200}"""),
        };

        var back = EngineJson.Deserialize<CustomerProfile>(EngineJson.Serialize(profile));

        Assert.Equal(EngineJson.Serialize(profile), EngineJson.Serialize(back));
        Assert.Equal("Gold", back.Attributes["tier"].AsString());
        Assert.True(back.ConsentFor("email", ConsentPurpose.Marketing)!.Granted);
        Assert.Equal(new[] { "sms", "email" }, back.Channels.ToArray());
        Assert.Contains("vip", back.Tags);
    }

    [Fact]
    public void Serialize_LedgerEntry_KeepsStatusAndNullableInstants()
    {
        var entry = new LedgerEntry { Key = "e/s/1", CustomerId = "c1", Journey = "welcome", Step = "hello", Status = LedgerStatus.Deferred, At = At, DeferredUntil = At + Duration.FromHours(9) };

        var back = EngineJson.Deserialize<LedgerEntry>(EngineJson.Serialize(entry));

        Assert.Equal(entry, back);
        Assert.Null(back.SentAt);
    }

    [Fact]
    public void Deserialize_BadInstant_SaysWhereAndWhatWasExpected()
    {
        var error = Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => EngineJson.Deserialize<LedgerEntry>("""{"key":"k","customerId":"c","journey":"j","step":"s","at":"yesterday"}"""));

        Assert.Contains("at: expected an ISO-8601 instant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WithTheSharedSerializer_WritesWhatJsonConvertWritesWithTheSettings()
    {
        var state = EnrollmentState.Create("welcome", 2, "c1", "c1") with
        {
            Status = EnrollmentStatus.Waiting, StepId = "wait", EnteredAt = At, WakeAt = At + Duration.FromDays(7), Holdout = true,
            Occurrences = ImmutableSortedDictionary<string, int>.Empty.Add("hello", 2),
            Event = ValueJson.Parse("""{"type":"order.placed","data":{"note":"quote \" tab \t 中文 \u2028","amount":12.5,"items":[1,null,true]}}"""),
        };
        var entry = new LedgerEntry { Key = "e/s/1", CustomerId = "c1", Journey = "welcome", Step = "hello", Status = LedgerStatus.Deferred, At = At };

        Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(state, typeof(EnrollmentState), EngineJson.Settings), EngineJson.Serialize(state));
        Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(entry, typeof(LedgerEntry), EngineJson.Settings), EngineJson.Serialize(entry));
        Assert.Equal(new string('x', 5000), EngineJson.Deserialize<LedgerEntry>(EngineJson.Serialize(entry with { Reason = new string('x', 5000) })).Reason);
    }

    [Theory]
    [InlineData("""{"key":"k","customerId":"c","journey":"j","step":"s","at":"2026-03-01T08:00:30Z"} {"key":"k2"}""")]
    [InlineData("""{"key":"k","customerId":"c","journey":"j","step":"s","at":"2026-03-01T08:00:30Z"}]""")]
    public void Deserialize_TextAfterTheRecord_IsRefused(string json)
    {
        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => EngineJson.Deserialize<LedgerEntry>(json));
    }

    [Fact]
    public void Deserialize_Null_IsRefusedSayingWhatWasExpected()
    {
        var error = Assert.Throws<Newtonsoft.Json.JsonSerializationException>(() => EngineJson.Deserialize<LedgerEntry>("null"));

        Assert.Contains("expected a LedgerEntry", error.Message, StringComparison.Ordinal);
    }
}
