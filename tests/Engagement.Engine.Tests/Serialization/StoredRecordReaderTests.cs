using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Serialization;

/// <summary>The hand-written reader of stored events builds what the contract-based reader builds, and declines the rest.</summary>
public sealed class StoredRecordReaderTests
{
    private static readonly CustomerEvent Event = new(
        "ev-1", "order.placed", "c1", Instant.FromUtc(2026, 3, 1, 8, 0, 30) + Duration.FromTicks(7),
        ValueJson.Parse("""{"store":"sh-01","n":3,"price":12.5,"big":123456789012345678901234567890,"list":[1,"x",null,true,{"k":[]}],"é\"":"a\u2028b😀"}"""));

    public static TheoryData<string> Written => new(
        EngineJson.Serialize(Event),
        EngineJson.Serialize(Event with { Data = Value.EmptyObject }),
        EngineJson.Serialize(Event with { Data = ValueJson.Parse("[1,2]") }),
        EngineJson.Serialize(Event with { Data = Value.Null }),
        EngineJson.Serialize(Event with { Id = "a\"b\\c\u0001\n", CustomerId = string.Empty }),
        """{"data":{"b":1},"time":"2026-03-01T08:00:30Z","customerId":"c1","type":"t","id":"e"}""",
        """ { "id" : "e", "type" : "t", "customerId" : "c1", "time" : "2026-03-01T08:00:30.1234567Z", "data" : { } } """);

    public static TheoryData<string> NotWritten => new(
        """{"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z"}""",
        """{"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{},"extra":1}""",
        """{"Id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}}""",
        """{"id":"e","id":"f","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}}""",
        """{"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{"a":1},"data":{"b":2}}""",
        """{"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}}{}""",
        """{"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}} // done""",
        """{/* c */"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}}""",
        """{"id":7,"type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}}""",
        """{"id":null,"type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{}}""",
        """{"id":"e","type":"t","customerId":"c1","time":"yesterday","data":{}}""",
        """{"id":"e","type":"t","customerId":"c1","time":"2026-03-01T08:00:30Z","data":{"a":}""",
        """[1]""",
        """null""",
        "");

    [Theory]
    [MemberData(nameof(Written))]
    public void TryRead_WrittenEvent_BuildsWhatTheContractReaderBuilds(string json)
    {
        Assert.True(StoredRecordReader.TryRead(json, out var fast));

        Assert.Equal(EngineJson.DeserializeByContract<CustomerEvent>(json), fast);
        Assert.Equal(EngineJson.Serialize(EngineJson.DeserializeByContract<CustomerEvent>(json)), EngineJson.Serialize(fast));
    }

    [Theory]
    [MemberData(nameof(NotWritten))]
    public void Deserialize_OtherText_DeclinesAndGivesTheContractReadersAnswer(string json)
    {
        Assert.False(StoredRecordReader.TryRead(json, out var declined));
        Assert.Null(declined);

        var expected = Answer(() => EngineJson.DeserializeByContract<CustomerEvent>(json));
        var actual = Answer(() => EngineJson.Deserialize<CustomerEvent>(json));

        Assert.Equal(expected, actual);
    }

    /// <summary>The record's text, or the error's type and message.</summary>
    private static string Answer(Func<CustomerEvent> read)
    {
        try
        {
            var e = read();
            return $"{e.Id}|{e.Type}|{e.CustomerId}|{e.Time}|{(e.Data is null ? "(null)" : ValueJson.Write(e.Data))}";
        }
        catch (Exception error) when (error is Newtonsoft.Json.JsonException or ArgumentException)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}
