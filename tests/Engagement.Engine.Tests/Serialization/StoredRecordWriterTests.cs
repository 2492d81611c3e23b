using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Engine.Serialization;
using Engagement.Engine.Tasks;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using NodaTime;

namespace Engagement.Engine.Tests.Serialization;

/// <summary>The hand-written writers of the hot records write exactly what the contract-based serializer writes.</summary>
public sealed class StoredRecordWriterTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0, 30);

    /// <summary>Text a serializer might escape differently: quotes, back slashes, control characters, line and paragraph
    /// separators, markup, characters outside the basic plane, a lone surrogate and non-Latin script.</summary>
    private const string Unusual = "a\"b\\c\u0001\n\r\t\b\f\u0085\u2028\u2029</script>&'é中文😀\ud800z";

    public static TheoryData<string> Cases => new(Records.Keys);

    /// <summary>The records that read back as they were (no null where reading fills in a default).</summary>
    public static TheoryData<string> RoundTripCases => new(Records.Keys.Where(k => !k.Contains("null", StringComparison.Ordinal)));

    private static PendingSend Pending { get; } = new()
    {
        LedgerKey = "k1", CustomerId = "c1", Journey = "welcome", Version = 3, Marketing = true, Priority = 10, JourneyTimeZone = "Europe/Paris",
        Step = "hello", Channel = "email", Fallback = ["sms", "push"], Template = "welcome-hello", EnrollmentId = "e1", EnrollmentKey = "c1",
        EnteredAt = At, Holdout = true, Variant = "a", EventJson = """{"type":"x","note":"é\"q"}""",
    };

    private static Dictionary<string, object> Records { get; } = BuildRecords();

    [Fact]
    public void PropertyNames_EveryRecord_AreTheSerializerContractsPropertiesInOrder()
    {
        foreach (var (type, names) in StoredRecordWriter.PropertyNames)
        {
            var contract = (JsonObjectContract)EngineJson.Serializer.ContractResolver.ResolveContract(type);
            var expected = contract.Properties.Where(p => !p.Ignored && p.Readable).OrderBy(p => p.Order ?? -1).Select(p => p.PropertyName).ToArray();

            Assert.True(expected.SequenceEqual(names), $"{type.Name}: the contract has [{string.Join(", ", expected)}], the writer [{string.Join(", ", names)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_StoredRecord_WritesTheContractSerializersText(string name)
    {
        var record = Records[name];
        var expected = JsonConvert.SerializeObject(record, record.GetType(), EngineJson.Settings);

        Assert.Equal(expected, EngineJson.Serialize(record));
        Assert.Equal(expected, SerializeAs(record));
        var pooled = EngineJson.SerializePooled(record);
        Assert.Equal(expected, pooled.ToString());
        pooled.Release();
    }

    [Fact]
    public void TryWrite_OtherRecord_WritesNothingAndSerializeUsesTheContract()
    {
        var task = new HumanTask { TaskKey = "t1", CustomerId = "c1", Journey = "churn-risk", Step = "call", Queue = "care", Title = "Call", Priority = "high", CreatedAt = At };
        Assert.False(StoredRecordWriter.TryWrite(task, out var json));
        Assert.Null(json);
        Assert.Equal(JsonConvert.SerializeObject(task, EngineJson.Settings), EngineJson.Serialize(task));
        Assert.False(StoredRecordWriter.TryWritePooled(task, out var pooled));
        Assert.Null(pooled);
        Assert.Equal(JsonConvert.SerializeObject(task, EngineJson.Settings), EngineJson.SerializePooled(task).ToString());
    }

    [Fact]
    public void Serialize_DefaultImmutableArray_ThrowsLikeTheContractSerializer()
    {
        var ledger = new LedgerEntry { Key = "k", CustomerId = "c1", Journey = "j", Step = "s", At = At, Pending = Pending with { Fallback = default } };
        var profile = new CustomerProfile { CustomerId = "c1", PushTokens = default };

        Assert.Throws<InvalidOperationException>(() => JsonConvert.SerializeObject(ledger, EngineJson.Settings));
        Assert.Contains("'fallback'", Assert.Throws<InvalidOperationException>(() => EngineJson.Serialize(ledger)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => JsonConvert.SerializeObject(profile, EngineJson.Settings));
        Assert.Contains("'pushTokens'", Assert.Throws<InvalidOperationException>(() => EngineJson.Serialize(profile)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Deserialize_WrittenRecord_ReadsBackToTheSameText(string name)
    {
        var record = Records[name];
        var json = EngineJson.Serialize(record);

        var back = JsonConvert.DeserializeObject(json, record.GetType(), EngineJson.Settings)!;

        Assert.Equal(json, EngineJson.Serialize(back));
    }

    /// <summary>Through the generic parameter of the declared type, as the stores call it.</summary>
    private static string SerializeAs(object record) => record switch
    {
        EnrollmentState s => EngineJson.Serialize(s),
        LedgerEntry e => EngineJson.Serialize(e),
        OutboundMessage m => EngineJson.Serialize(m),
        CustomerProfile p => EngineJson.Serialize(p),
        CustomerEvent e => EngineJson.Serialize(e),
        _ => throw new ArgumentException(record.GetType().Name, nameof(record)),
    };

    private static Dictionary<string, object> BuildRecords()
    {
        var data = ValueJson.Parse("""{"store":"sh-01","n":3,"price":12.5,"big":1e300,"tiny":-0.000001,"list":[1,"x",null,true,{"k":[]}],"nested":{"a":{"b":false}}}""");
        var enrollment = EnrollmentState.Create("welcome", 2, "c1", "c1");
        var full = enrollment with
        {
            Status = EnrollmentStatus.Exited, StepId = "wait-buy", EnteredAt = At, WakeAt = At + Duration.FromDays(7), AwaitingEvent = "order.placed",
            Holdout = true, Variant = "b", Occurrences = ImmutableSortedDictionary<string, int>.Empty.Add("hello", 1).Add(Unusual, int.MaxValue),
            Event = data, GoalReachedAt = At + Duration.FromTicks(1), ExitedAt = At + Duration.FromMilliseconds(1), ExitReason = Unusual,
        };
        var pending = Pending;
        var ledger = new LedgerEntry { Key = "welcome/hello/c1", CustomerId = "c1", Journey = "welcome", Step = "hello", At = At };
        var message = new OutboundMessage
        {
            LedgerKey = "k1", Channel = "email", CustomerId = "c1", To = "a@example.com", Body = "<p>" + Unusual + "</p>",
            Journey = "welcome", Step = "hello", Template = "welcome-hello", Locale = "fr-FR",
        };
        var profile = new CustomerProfile { CustomerId = "c2" };
        var @event = new CustomerEvent("ev-1", "order.placed", "c1", At, data);
        return new Dictionary<string, object>
        {
            ["enrollment, new"] = enrollment,
            ["enrollment, every property"] = full,
            ["enrollment, undefined status"] = full with { Status = (EnrollmentStatus)42 },
            ["enrollment, null event"] = enrollment with { Event = null! },
            ["enrollment, unusual ids"] = enrollment with { EnrollmentId = Unusual, CustomerId = Unusual, Key = string.Empty },
            ["ledger, reserved"] = ledger,
            ["ledger, every property"] = ledger with
            {
                Channel = "sms", Marketing = true, Status = LedgerStatus.Sent, SentAt = At, Reason = Unusual, DeferredUntil = At + Duration.FromHours(9),
                Pending = pending, Attempts = 4, ProviderMessageId = "<id@relay>",
            },
            ["ledger, pending with defaults"] = ledger with { Status = LedgerStatus.Deferred, Pending = pending with { JourneyTimeZone = null, EnrollmentKey = null, Variant = null, Fallback = [] } },
            ["ledger, pending with null texts"] = ledger with { Pending = pending with { DefaultLocale = null!, EventJson = null! } },
            ["ledger, every status"] = ledger with { Status = LedgerStatus.Failed },
            ["message, no headers or subject"] = message,
            ["message, headers and subject"] = message with
            {
                Subject = Unusual, Headers = ImmutableSortedDictionary<string, string>.Empty.Add("List-Unsubscribe", "<https://x/u?a=1&b=2>").Add("X-Empty", string.Empty).Add("X-Null", null!),
            },
            ["message, null headers"] = message with { Headers = null! },
            ["profile, id only"] = profile,
            ["profile, every property"] = profile with
            {
                Email = "a@example.com", Phone = "+33 6 12 34 56 78", PushTokens = ["t1", Unusual], Locale = "zh-CN", TimeZone = "Asia/Shanghai", Birthday = "1990-02-28",
                Channels = ["sms", "email"], Tags = ImmutableSortedSet.Create("vip", Unusual), InvalidChannels = ImmutableSortedSet.Create("push"),
                Consents = ImmutableList.Create(
                    new ConsentRecord("email", ConsentPurpose.Marketing, true, At, "signup"),
                    new ConsentRecord("sms", ConsentPurpose.Transactional, false, At + Duration.FromDays(1), Unusual),
                    null!),
                Attributes = data, LastEventAt = At, LastEventId = "ev-9",
            },
            ["profile, null collections"] = profile with { Consents = null!, Tags = null!, InvalidChannels = null!, Attributes = null! },
            ["profile, list attributes"] = profile with { Attributes = ValueJson.Parse("[1,2]") },
            ["event"] = @event,
            ["event, unusual"] = @event with { Id = Unusual, Type = "a.b", CustomerId = Unusual, Data = ValueJson.Parse("\"text\"") },
            ["event, null data"] = @event with { Data = null! },
        };
    }
}
