using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Journeys.Values;

/// <summary>Converts between <see cref="Value"/> and JSON text or Newtonsoft tokens. Pure: works on strings and tokens only.</summary>
public static class ValueJson
{
    /// <summary>Converts a Newtonsoft token into a value. Dates stay ISO-8601 strings.</summary>
    public static Value FromToken(JToken? token) => token?.Type switch
    {
        null or JTokenType.Undefined => Value.Missing,
        JTokenType.Null => Value.Null,
        JTokenType.Boolean => Value.FromBoolean(token.Value<bool>()),
        JTokenType.Integer when token is JValue { Value: BigInteger big } => Value.FromNumber(ToDouble(big)), // beyond long
        JTokenType.Integer or JTokenType.Float => Value.FromNumber(token.Value<double>()),
        JTokenType.String or JTokenType.Guid or JTokenType.Uri => Value.FromString(token.Value<string>()),
        JTokenType.Date => Value.FromString(token.Value<DateTime>().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
        JTokenType.Array => Value.FromList(token.Children().Select(FromToken)),
        JTokenType.Object => Value.FromObject(((JObject)token).Properties().Select(p => new KeyValuePair<string, Value>(p.Name, FromToken(p.Value)))),
        _ => Value.FromString(token.ToString()),
    };

    /// <summary>Parses JSON text (dates are not converted) into a value.</summary>
    public static Value Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return FromToken(JToken.ReadFrom(reader));
    }

    /// <summary>Converts a value to a Newtonsoft token (missing becomes JSON null).</summary>
    public static JToken ToToken(Value value) => value.Kind switch
    {
        ValueKind.Boolean => new JValue(value.AsBoolean()!.Value),
        ValueKind.Number => ToNumberToken(value.AsNumber()!.Value),
        ValueKind.String => new JValue(value.AsString()),
        ValueKind.List => new JArray(value.Items.Select(ToToken)),
        ValueKind.Object => new JObject(value.Fields.Select(f => new JProperty(f.Key, ToToken(f.Value)))),
        _ => JValue.CreateNull(),
    };

    /// <summary>Writes a value as compact JSON with ordinally sorted keys (stable output).</summary>
    public static string Write(Value value) => ToToken(value).ToString(Formatting.None);

    // Through the digits, so the double is the nearest one, as for a number parsed as a double.
    private static double ToDouble(BigInteger big) => double.Parse(big.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static JValue ToNumberToken(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 9e15 ? new JValue((long)number) : new JValue(number);
}
