using FsCheck;
using FsCheck.Xunit;
using Engagement.Journeys.Values;

namespace Engagement.Journeys.Tests.Values;

/// <summary><see cref="ValueJson.WriteTo"/> writes token by token what <see cref="ValueJson.ToToken"/> builds: the same text for
/// every value, including numbers at the edges of the integer form, non-finite numbers and text that needs escaping.</summary>
public class ValueJsonTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(42.0)]
    [InlineData(-7.5)]
    [InlineData(8.999999999999998e15)]
    [InlineData(9e15)]
    [InlineData(1e300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0.1)]
    public void Write_Number_IsTheTextOfItsToken(double number)
    {
        var value = Value.FromNumber(number);

        Assert.Equal(ValueJson.ToToken(value).ToString(Newtonsoft.Json.Formatting.None), ValueJson.Write(value));
    }

    [Fact]
    public void Write_NestedValueWithEscapesMissingAndNull_IsTheTextOfItsToken()
    {
        var value = Value.EmptyObject
            .With("text", Value.FromString("quote \" backslash \\ tab \t line \u2028 中文 \u0001 </script>"))
            .With("list", Value.FromList([Value.Null, Value.Missing, Value.True, Value.FromNumber(3), Value.EmptyObject, Value.FromList([])]))
            .With("nested", ValueJson.Parse("""{"b":{"c":[1,2.5,"x"]},"a":false}"""))
            .With("missing", Value.Missing);

        Assert.Equal(ValueJson.ToToken(value).ToString(Newtonsoft.Json.Formatting.None), ValueJson.Write(value));
    }

    [Property(MaxTest = 300)]
    public bool Write_AnyObjectOfScalars_IsTheTextOfItsToken(NonNull<string>[] keys, string[] texts, double[] numbers, bool flag)
    {
        var fields = new List<KeyValuePair<string, Value>>();
        for (var i = 0; i < keys.Length; i++)
        {
            var item = (i % 3) switch
            {
                0 => Value.FromString(texts.Length > 0 ? texts[i % texts.Length] : null),
                1 => numbers.Length > 0 ? Value.FromNumber(numbers[i % numbers.Length]) : Value.Null,
                _ => Value.FromList([Value.FromBoolean(flag), Value.FromString(keys[i].Get)]),
            };
            fields.Add(new(keys[i].Get, item));
        }

        var value = Value.FromObject(fields);
        return ValueJson.ToToken(value).ToString(Newtonsoft.Json.Formatting.None) == ValueJson.Write(value);
    }

    [Theory]
    [InlineData("""{"b":1,"a":[1,2.5,"x",null,true,{}],"c":{"d":{"e":[]}}}""")]
    [InlineData("""{"dup":1,"dup":"later wins"}""")]
    [InlineData("""[123456789012345678901234567890, -9223372036854775808, 1e400, 0.1]""")]
    [InlineData("""{"when":"2026-03-01T08:00:00Z","empty":"","u":"\u00e9\u2028"}""")]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""false""")]
    [InlineData("""null""")]
    public void ReadFrom_Text_IsTheValueOfItsToken(string json)
    {
        using var direct = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        using var tokens = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };

        var read = ValueJson.ReadFrom(direct);

        Assert.Equal(ValueJson.FromToken(Newtonsoft.Json.Linq.JToken.ReadFrom(tokens)), read);
        Assert.Equal(ValueJson.Write(ValueJson.Parse(json)), ValueJson.Write(read));
        Assert.False(direct.Read());
    }

    [Fact]
    public void ReadFrom_ValueInsideARecord_LeavesTheReaderOnItsLastToken()
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader("""{"v":{"a":[1,{"b":2}]},"after":3}"""));
        reader.Read();
        reader.Read();
        reader.Read();

        var value = ValueJson.ReadFrom(reader);

        Assert.Equal(Newtonsoft.Json.JsonToken.EndObject, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal("after", reader.Value);
        Assert.Equal("""{"a":[1,{"b":2}]}""", ValueJson.Write(value));
    }

    [Fact]
    public void ReadFrom_TruncatedText_ThrowsAReaderError()
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader("""{"a":[1,2"""));

        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => ValueJson.ReadFrom(reader));
    }
}
