using Engagement.Engine.Serialization;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Engine.Tests.Serialization;

/// <summary>The stored-record text writer writes what Newtonsoft's text writer writes, character for character.</summary>
public sealed class StoredJsonWriterTests
{
    [Fact]
    public void Text_EveryUtf16CodeUnit_IsEscapedAsNewtonsoftEscapesIt()
    {
        var differences = new List<int>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "a" + (char)c + "b";
            var writer = StoredJsonWriter.Rent();
            writer.Text(text);
            if (Written(writer) != JsonConvert.ToString(text))
            {
                differences.Add(c);
            }
        }

        Assert.Empty(differences);
    }

    [Fact]
    public void Json_NumbersAndNesting_AreWrittenAsValueJsonWritesThem()
    {
        var value = Value.FromList([
            Value.FromNumber(0), Value.FromNumber(-0.0), Value.FromNumber(12.5), Value.FromNumber(1e300), Value.FromNumber(-1e-7), Value.FromNumber(5e-324),
            Value.FromNumber(8_999_999_999_999_999), Value.FromNumber(9e15), Value.FromNumber(1.0 / 3), Value.FromNumber(double.NaN),
            Value.FromNumber(double.PositiveInfinity), Value.FromNumber(double.NegativeInfinity), Value.FromNumber(long.MinValue),
            ValueJson.Parse("""{"b":[],"a":{},"":null,"é\u2028":[true,false,"x\"y"]}"""), Value.Missing, Value.Null,
        ]);
        var writer = StoredJsonWriter.Rent();

        writer.Json(value);

        Assert.Equal(ValueJson.Write(value), Written(writer));
    }

    [Fact]
    public void Instant_AnyInstant_IsWrittenAsInstantTextFormatsIt()
    {
        var instants = new List<Instant>
        {
            Instant.FromUtc(2026, 3, 1, 8, 0), Instant.FromUtc(2026, 3, 1, 8, 0, 30) + Duration.FromTicks(1), Instant.FromUtc(1, 1, 1, 0, 0),
            Instant.FromUtc(9999, 12, 31, 23, 59, 59) + Duration.FromNanoseconds(999_999_999), Instant.FromUtc(0, 1, 1, 0, 0), Instant.FromUtc(-5, 6, 1, 0, 0),
            Instant.FromUtc(1970, 1, 1, 0, 0) - Duration.FromNanoseconds(1), Instant.FromUtc(2000, 2, 29, 12, 0) + Duration.FromMilliseconds(120),
            Instant.MinValue, Instant.MaxValue,
        };
        var random = new Random(15);
        for (var i = 0; i < 20_000; i++)
        {
            instants.Add(Instant.FromUnixTimeTicks(random.NextInt64(-62_135_596_800_0000000L, 253_402_300_799_9999999L)) + Duration.FromNanoseconds(random.Next(0, 100) * (i % 3)));
        }

        foreach (var instant in instants)
        {
            var writer = StoredJsonWriter.Rent();
            writer.Instant(instant);

            Assert.Equal(JsonConvert.ToString(InstantPattern.ExtendedIso.Format(instant)), Written(writer));
            Assert.Equal(InstantPattern.ExtendedIso.Format(instant), InstantText.Format(instant));
        }
    }

    [Fact]
    public void Rent_AfterALongRecord_StartsEmptyWithTheBufferCleared()
    {
        var writer = StoredJsonWriter.Rent();
        writer.Text(new string('x', 100_000));
        Assert.Equal(100_002, Written(writer).Length);

        var next = StoredJsonWriter.Rent();
        next.StartObject();
        next.Name("a");
        next.Number(1);
        next.EndObject();

        Assert.Equal("""{"a":1}""", Written(next));
    }

    /// <summary>What the writer holds, and the writer given back.</summary>
    private static string Written(StoredJsonWriter writer)
    {
        var text = writer.ToString();
        writer.Return();
        return text;
    }
}
