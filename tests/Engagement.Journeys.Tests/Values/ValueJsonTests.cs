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
}
